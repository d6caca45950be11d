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
}

/** Rows the browser can lay out in one element before its height overflows (Firefox ~17.9M px). */
const MAX_ROWS_IN_VIEW = 500_000;

/**
 * Fixed-height virtual list: only the rows in view (plus a margin) are in the DOM, so 100,000
 * entries cost the same to render as 50.
 */
export function VirtualList({ count, rowHeight, renderRow, followTail = true, label, role = 'list' }: VirtualListProps) {
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

  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && followTail && pinned.current) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [count, followTail]);

  const shown = Math.min(count, MAX_ROWS_IN_VIEW);
  const offset = count - shown; // when capped, the list shows the newest rows
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - 10);
  const last = Math.min(shown, Math.ceil((scrollTop + height) / rowHeight) + 10);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i + offset} class="vrow" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
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
