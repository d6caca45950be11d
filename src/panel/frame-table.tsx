import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SocketEvent } from '../protocol';
import { FrameRowCells } from './frame-row';
import type { SocketSummary } from './socket-summary';

export const ROW_HEIGHT = 22;
/** Rows one element can hold before Firefox's ~17.9 M px height limit: beyond, the newest show. */
const MAX_ROWS = 700_000;
const OVERSCAN = 8;

interface FrameTableProps {
  readonly events: readonly SocketEvent[];
  readonly shown: readonly number[];
  /** Changes whenever `shown` grew in place (it is appended to, not replaced). */
  readonly revision: number;
  readonly sockets: ReadonlyMap<string, SocketSummary>;
  readonly pattern: RegExp | null;
  readonly selected: number | null;
  readonly onSelect: (eventIndex: number | null) => void;
}

/**
 * The frame table: an ARIA grid with fixed-height rows, only the rows in view in the DOM.
 * Focus stays on the grid; arrows, Page Up/Down, Home/End move the selection (announced through
 * aria-activedescendant). It follows new rows while scrolled to the bottom.
 */
export function FrameTable({ events, shown, sockets, pattern, selected, onSelect }: FrameTableProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const pinned = useRef(true);
  const count = Math.min(shown.length, MAX_ROWS);
  const offset = shown.length - count;

  useLayoutEffect(() => {
    const el = viewport.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // Following new rows, the position is computed, not read back from the DOM: reading
  // scrollHeight after each update forced a synchronous layout of the panel per update, its
  // main cost at 10,000 msg/s.
  const following = pinned.current;
  const contentHeight = (count + 1) * ROW_HEIGHT;
  const top = following ? Math.max(0, contentHeight - height) : scrollTop;
  useLayoutEffect(() => {
    if (!following) return;
    // Past the end on purpose: the browser stops at the real bottom, whatever `height` says.
    // In the next animation frame, which comes before the next paint: setting scrollTop lays the
    // panel out at once, and here that layout made the task rendering new rows twice as long
    // (Firefox at 10,000 msg/s, where the panel shares its thread with the background).
    const frame = requestAnimationFrame(() => {
      viewport.current!.scrollTop = contentHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [contentHeight, following]);

  const position = selected === null ? -1 : binarySearch(shown, selected) - offset;
  const moveTo = (row: number) => {
    if (count === 0) return;
    const r = Math.max(0, Math.min(count - 1, row));
    const el = viewport.current!;
    const top = r * ROW_HEIGHT;
    const bodyHeight = el.clientHeight - ROW_HEIGHT; // the sticky header covers one row
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + bodyHeight) el.scrollTop = top + ROW_HEIGHT - bodyHeight;
    pinned.current = r === count - 1;
    onSelect(shown[r + offset]!);
  };
  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 2);
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(position < 0 ? 0 : position + 1),
      ArrowUp: () => moveTo(position < 0 ? count - 1 : position - 1),
      PageDown: () => moveTo(position + page),
      PageUp: () => moveTo(position - page),
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
  const rows: ComponentChildren[] = [];
  for (let r = first; r < last; r++) {
    const index = shown[r + offset]!;
    const event = events[index]!;
    rows.push(
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
        <FrameRowCells event={event} socket={sockets.get(event.socketId)} pattern={pattern} />
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      class="ftable"
      role="grid"
      aria-label="Frames"
      aria-rowcount={shown.length + 1}
      aria-activedescendant={
        position >= 0 && position >= first && position < last ? `frame-row-${selected}` : undefined
      }
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
        setScrollTop(el.scrollTop);
      }}
    >
      <div class="ftable-spacer" style={{ height: `${(count + 1) * ROW_HEIGHT}px` }}>
        <div role="row" aria-rowindex={1} class="frow frow-head">
          {['Direction', 'Time', 'Since open', 'Size', 'Type', 'Data'].map((name) => (
            <span role="columnheader" class={`fcell fcell-${name.replace(' ', '-').toLowerCase()}`} key={name}>
              {name}
            </span>
          ))}
        </div>
        {rows}
      </div>
    </div>
  );
}

/** Position of `value` in the ascending `list`, or -1. */
function binarySearch(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
