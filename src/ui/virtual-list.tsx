import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface VirtualListProps {
  readonly count: number;
  readonly rowHeight: number;
  readonly renderRow: (index: number) => ComponentChildren;
  /** Keep the newest row in view while the user has not scrolled up. */
  readonly followTail?: boolean;
  readonly label: string;
  readonly role?: 'list' | 'log';
  /** A row to bring into view (the keyboard moved the selection there); null: none. */
  readonly reveal?: number | null;
}

/** Rows the browser can lay out in one element before its height overflows (Firefox ~17.9M px). */
const MAX_ROWS_IN_VIEW = 500_000;

/**
 * Fixed-height virtual list: only the rows in view (plus a margin) are in the DOM, so 100,000
 * entries cost the same to render as 50.
 */
export function VirtualList({
  count,
  rowHeight,
  renderRow,
  followTail = true,
  label,
  role = 'list',
  reveal = null,
}: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const shown = Math.min(count, MAX_ROWS_IN_VIEW);
  const offset = count - shown; // when capped, the list shows the newest rows
  // Following the tail, the position is computed, not read back from the DOM: reading
  // scrollHeight after each update forced a synchronous layout per update (the popup's main
  // cost at 10,000 msg/s).
  const following = followTail && pinned.current;
  const contentHeight = shown * rowHeight;
  const top = following ? Math.max(0, contentHeight - height) : scrollTop;

  useLayoutEffect(() => {
    // Past the end on purpose: the browser stops at the real bottom, whatever `height` says.
    if (following && viewport.current) viewport.current.scrollTop = contentHeight;
  }, [contentHeight, following]);

  useLayoutEffect(() => {
    const el = viewport.current;
    const row = reveal === null ? -1 : reveal - offset;
    if (!el || row < 0) return;
    // Reading the position forces a layout: fine once per key press.
    const rowTop = row * rowHeight;
    let next = el.scrollTop;
    if (rowTop < next) next = rowTop;
    else if (rowTop + rowHeight > next + el.clientHeight) next = rowTop + rowHeight - el.clientHeight;
    // Only the newest row keeps the list following new entries.
    pinned.current = row === shown - 1;
    el.scrollTop = next;
    setScrollTop(next); // render the rows around it now, not at the next scroll event
  }, [reveal]);

  const first = Math.max(0, Math.floor(top / rowHeight) - 10);
  const last = Math.min(shown, Math.ceil((top + height) / rowHeight) + 10);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    // Keyed by slot, not by entry: as the window moves (a stream scrolling by), the same row
    // elements are refilled instead of being removed and created again.
    rows.push(
      <div key={i % (last - first)} class="vrow" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
        {renderRow(i + offset)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      class="vlist"
      role={role}
      aria-label={label}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
        setScrollTop(el.scrollTop);
      }}
    >
      <div class="vlist-spacer" style={{ height: `${shown * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
