import { useState } from 'preact/hooks';
import type { Column } from './columns';
import { readStored, writeStored } from './stored';

const MIN_WIDTH = 32;
const MAX_WIDTH = 2_000;
const KEY_STEP = 8;

const clampWidth = (w: number) => Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w)));

/** Column widths by column id, remembered per UI (a user sizes columns once). */
export function useColumnWidths(
  key: string,
  columns: readonly Column[],
): [Readonly<Record<string, number>>, (id: string, width: number) => void] {
  const [widths, setWidths] = useState<Record<string, number>>(() => {
    const stored = readStored(key);
    const out: Record<string, number> = {};
    for (const c of columns) {
      const w = (stored as Record<string, unknown> | null)?.[c.id];
      if (typeof w === 'number' && Number.isFinite(w)) out[c.id] = clampWidth(w);
    }
    return out;
  });
  const set = (id: string, width: number) => {
    const next = { ...widths, [id]: clampWidth(width) };
    setWidths(next);
    writeStored(key, next);
  };
  return [widths, set];
}

/**
 * A column's header cell, with a handle on its right edge that resizes it: dragged with the
 * pointer, or focused and moved with ← → (Home: back to its starting width).
 */
export function ColumnHeader({
  column,
  width,
  resizable,
  onResize,
}: {
  column: Column;
  width: number;
  resizable: boolean;
  onResize: (width: number) => void;
}) {
  const startDrag = (e: PointerEvent) => {
    e.preventDefault();
    const handle = e.currentTarget as HTMLElement;
    const startX = e.clientX;
    const startWidth = width;
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => onResize(startWidth + m.clientX - startX);
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? KEY_STEP : e.key === 'ArrowLeft' ? -KEY_STEP : 0;
    if (step) onResize(width + step);
    else if (e.key === 'Home') onResize(column.width);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <span role="columnheader" class={`fcell fcell-${column.id}${column.align === 'right' ? ' fcell-right' : ''}`}>
      {column.title}
      {resizable && (
        <span
          class="col-resize"
          role="separator"
          aria-orientation="vertical"
          aria-label={`Resize the ${column.title} column`}
          aria-valuenow={width}
          aria-valuemin={MIN_WIDTH}
          aria-valuemax={MAX_WIDTH}
          tabIndex={0}
          onPointerDown={startDrag}
          onKeyDown={onKeyDown}
        />
      )}
    </span>
  );
}
