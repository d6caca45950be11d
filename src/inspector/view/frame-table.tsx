import type { ComponentChildren, JSX } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SocketEvent } from '../../protocol';
import type { EventStore } from '../model/event-store';
import type { Rows } from '../model/filter-run';
import type { SocketSummary } from '../model/socket-summary';
import type { Column } from './columns';
import { ColumnHeader, useColumnWidths } from './column-header';

export const ROW_HEIGHT = 22;
/** Rows one element can hold before Firefox's ~17.9 M px height limit: beyond, the newest show. */
const MAX_ROWS = 700_000;
const OVERSCAN = 8;

interface FrameTableProps {
  readonly label: string;
  readonly columns: readonly Column[];
  readonly events: EventStore;
  readonly rows: Rows;
  /** Changes whenever the rows or their events changed in place. */
  readonly revision: number;
  readonly sockets: ReadonlyMap<string, SocketSummary>;
  readonly pattern: RegExp | null;
  /** Store index of the selected event. */
  readonly selected: number | null;
  readonly onSelect: (index: number | null) => void;
  /** Where column widths are remembered (localStorage), per UI. */
  readonly widthsKey: string;
}

/**
 * The frame table of both UIs: an ARIA grid with fixed-height rows, only the rows in view in
 * the DOM, resizable columns. Focus stays on the grid; arrows, Page Up/Down, Home/End move the
 * selection (announced through aria-activedescendant), Esc clears it. It follows new rows while
 * scrolled to the bottom.
 */
export function FrameTable(props: FrameTableProps) {
  const { columns, events, rows, sockets, pattern, selected, onSelect } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const [widths, setWidth] = useColumnWidths(props.widthsKey, columns);
  const pinned = useRef(true);
  /** Where the table last scrolled itself to follow new rows (its own scroll events keep it following). */
  const followedTo = useRef<number | null>(null);
  const shrankWhileFollowing = useRef(false);
  const count = Math.min(rows.count, MAX_ROWS);
  const offset = rows.count - count;

  useLayoutEffect(() => {
    const el = viewport.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // Following new rows, the position is computed, not read back from the DOM: reading
  // scrollHeight after each update forced a synchronous layout per update, the table's main
  // cost at 10,000 msg/s.
  const following = pinned.current;
  const contentHeight = (count + 1) * ROW_HEIGHT;
  // TRICKY: fewer rows (a filter ran) pull scrollTop back to the new bottom, and the browser
  // reports that as a scroll; by the time the event comes, a later slice of the filter may have
  // added rows again, so the table would look scrolled up and stop following. A table that was
  // following lets the next scroll event after a shrink keep it following.
  const renderedHeight = useRef(contentHeight);
  if (contentHeight < renderedHeight.current && following) shrankWhileFollowing.current = true;
  renderedHeight.current = contentHeight;
  const top = following ? Math.max(0, contentHeight - height) : scrollTop;
  useLayoutEffect(() => {
    if (!following) return;
    // Past the end on purpose: the browser stops at the real bottom, whatever `height` says.
    // In the next animation frame, which comes before the next paint: setting scrollTop lays the
    // page out at once, and there that layout made the task rendering new rows twice as long
    // (Firefox at 10,000 msg/s, where the panel shares its thread with the background).
    const frame = requestAnimationFrame(() => {
      const el = viewport.current;
      if (!el) return;
      el.scrollTop = contentHeight;
      followedTo.current = el.scrollTop;
    });
    return () => cancelAnimationFrame(frame);
  }, [contentHeight, following]);

  const position = selected === null ? -1 : rows.rowOf(selected) - offset;
  /** Selects `row`; `scrollBy` rows first moves the view too (Page Up/Down keep the row's place in it). */
  const moveTo = (row: number, scrollBy = 0) => {
    if (count === 0) return;
    const r = Math.max(0, Math.min(count - 1, row));
    const el = viewport.current!;
    const rowTop = r * ROW_HEIGHT;
    const bodyHeight = el.clientHeight - ROW_HEIGHT; // the sticky header covers one row
    // At once: one layout per key press is fine, and the row is in view when the key is done.
    if (scrollBy) el.scrollTop += scrollBy * ROW_HEIGHT;
    if (rowTop < el.scrollTop) el.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > el.scrollTop + bodyHeight) el.scrollTop = rowTop + ROW_HEIGHT - bodyHeight;
    pinned.current = r === count - 1;
    onSelect(rows.at(r + offset));
  };
  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 2);
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).getAttribute('role') === 'separator') return; // resizing a column
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(position < 0 ? 0 : position + 1),
      ArrowUp: () => moveTo(position < 0 ? count - 1 : position - 1),
      PageDown: () => moveTo(position + page, page),
      PageUp: () => moveTo(position - page, -page),
      Home: () => moveTo(0),
      End: () => moveTo(count - 1),
      Escape: () => onSelect(null),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const rendered: ComponentChildren[] = [];
  for (let r = first; r < last; r++) {
    const index = rows.at(r + offset);
    const event = events.at(index);
    const previous = r + offset > 0 ? events.at(rows.at(r + offset - 1)) : undefined;
    rendered.push(
      // Keyed by slot, not by event: as the window moves, row elements are refilled, not remade.
      <div
        key={r % (last - first)}
        id={`frame-row-${index}`}
        role="row"
        aria-rowindex={r + offset + 2}
        aria-selected={index === selected}
        class={`frow frow-${event.type === 'frame' ? event.direction : event.type}${r % 2 ? ' frow-alt' : ''}`}
        style={{ top: `${(r + 1) * ROW_HEIGHT}px` }}
        onMouseDown={() => onSelect(index)}
      >
        <RowCells
          columns={columns}
          event={event}
          context={{ socket: sockets.get(event.socketId), pattern, previous }}
        />
      </div>,
    );
  }

  const style: JSX.CSSProperties = {};
  for (const c of columns) (style as Record<string, string>)[`--col-${c.id}`] = `${widths[c.id] ?? c.width}px`;
  return (
    <div
      ref={viewport}
      class="ftable"
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.count + 1}
      aria-activedescendant={position >= first && position < last ? `frame-row-${selected}` : undefined}
      tabIndex={0}
      style={style}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const el = e.currentTarget;
        // TRICKY: the scroll event of our own follow can arrive after more rows came: measured
        // then, the table is no longer at the bottom, and it would stop following. Only a
        // scroll the user made (anywhere else) decides whether to follow.
        const ours = followedTo.current !== null && Math.abs(el.scrollTop - followedTo.current) <= 1;
        if (!ours && !shrankWhileFollowing.current) {
          pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
        }
        followedTo.current = null;
        shrankWhileFollowing.current = false;
        setScrollTop(el.scrollTop);
      }}
    >
      <div class="ftable-spacer" style={{ height: `${(count + 1) * ROW_HEIGHT}px` }}>
        <div role="row" aria-rowindex={1} class="frow frow-head">
          {columns.map((c) => (
            <ColumnHeader
              key={c.id}
              column={c}
              width={widths[c.id] ?? c.width}
              resizable={c.id !== 'data'}
              onResize={(w) => setWidth(c.id, w)}
            />
          ))}
        </div>
        {rendered}
      </div>
    </div>
  );
}

/**
 * The cells of one row. TRICKY: the ' ' text nodes between cells do not show (flex layout drops
 * them) but keep the row's text readable as one line for screen readers, copy and tests; an
 * empty cell (a lifecycle row has no size) adds none.
 */
function RowCells({
  columns,
  event,
  context,
}: {
  columns: readonly Column[];
  event: SocketEvent;
  context: Parameters<Column['cell']>[1];
}) {
  const cells: ComponentChildren[] = [];
  columns.forEach((c, i) => {
    const content = c.cell(event, context);
    if (i > 0 && content !== '') cells.push(' ');
    cells.push(
      <span key={c.id} role="gridcell" class={`fcell fcell-${c.id}${c.align === 'right' ? ' fcell-right' : ''}`}>
        {content}
      </span>,
    );
  });
  return <>{cells}</>;
}
