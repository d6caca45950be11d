/**
 * Runs `fn` at once, or, when it ran less than `intervalMs` ago, once at the end of that interval
 * (calls meanwhile are gathered into that one run).
 *
 * The UIs use it for what a stream changes: at 10,000 msg/s the background sends ~60 updates a
 * second, and re-rendering the log, counters and chart that often starved input and painting on
 * a small machine. A timer, not requestAnimationFrame: a page in a background tab must keep up.
 */
export function throttle(fn: () => void, intervalMs: number, now: () => number = () => performance.now()): () => void {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = now();
    fn();
  };
  return () => {
    if (timer !== null) return;
    const wait = last + intervalMs - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
}

/** How often, at most, a stream re-renders a UI (see throttle). */
export const STREAM_RENDER_INTERVAL_MS = 50;
