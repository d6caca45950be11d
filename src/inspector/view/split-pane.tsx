import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { readStored, writeStored } from './stored';

const MIN = 0.15;
const MAX = 0.85;
const KEY_STEP = 0.05;
const clamp = (f: number) => Math.max(MIN, Math.min(MAX, f));

/**
 * Two panes and a draggable separator between them, as DevTools splits a list and its details:
 * stacked (`vertical`) or side by side. The separator is a focusable ARIA separator: ↑ ↓ (or ← →)
 * move it, Home/End to its limits; the position is remembered under `storageKey`.
 */
export function SplitPane({
  direction,
  label,
  storageKey,
  initial = 0.55,
  first,
  second,
}: {
  direction: 'vertical' | 'horizontal';
  label: string;
  storageKey: string;
  initial?: number;
  first: ComponentChildren;
  second: ComponentChildren | null;
}) {
  const [fraction, setFraction] = useState(() => {
    const stored = readStored(storageKey);
    return typeof stored === 'number' && Number.isFinite(stored) ? clamp(stored) : initial;
  });
  const root = useRef<HTMLDivElement>(null);
  const vertical = direction === 'vertical';
  const set = (f: number) => {
    const next = clamp(f);
    setFraction(next);
    writeStored(storageKey, next);
  };
  const startDrag = (e: PointerEvent) => {
    e.preventDefault();
    const handle = e.currentTarget as HTMLElement;
    const box = root.current!.getBoundingClientRect();
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) =>
      set(vertical ? (m.clientY - box.top) / box.height : (m.clientX - box.left) / box.width);
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
    const back = vertical ? 'ArrowUp' : 'ArrowLeft';
    const forward = vertical ? 'ArrowDown' : 'ArrowRight';
    if (e.key === back) set(fraction - KEY_STEP);
    else if (e.key === forward) set(fraction + KEY_STEP);
    else if (e.key === 'Home') set(MIN);
    else if (e.key === 'End') set(MAX);
    else return;
    e.preventDefault();
  };
  const percent = Math.round(fraction * 100);
  return (
    <div ref={root} class={`split split-${direction}`}>
      <div class="split-first" style={second === null ? { flex: '1 1 auto' } : { flexBasis: `${percent}%` }}>
        {first}
      </div>
      {second !== null && (
        <>
          <div
            class="split-handle"
            role="separator"
            aria-label={label}
            aria-orientation={vertical ? 'horizontal' : 'vertical'}
            aria-valuenow={percent}
            aria-valuemin={MIN * 100}
            aria-valuemax={MAX * 100}
            tabIndex={0}
            onPointerDown={startDrag}
            onKeyDown={onKeyDown}
          />
          <div class="split-second">{second}</div>
        </>
      )}
    </div>
  );
}
