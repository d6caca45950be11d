/**
 * Keeps the background alive while a popup connection is open, without sending anything to the
 * server: a cheap extension API call every `intervalMs` resets the idle timer in both browsers
 * (Chrome's service worker stops after ~30 s idle; Firefox suspends an event page after
 * `extensions.background.idle.timeout`, and WebSocket traffic does not count there). The timer
 * runs only while `isNeeded()` says so.
 */
export interface KeepAlive {
  /** Re-evaluate whether the timer should run (call on every connection change). */
  update(): void;
  /** Test hook: Firefox's idle timeout can be lowered in tests, so the interval must follow. */
  setIntervalMs(ms: number): void;
  readonly running: boolean;
  readonly pings: number;
}

export const KEEP_ALIVE_INTERVAL_MS = 20_000;

type Handle = ReturnType<typeof setInterval>;
export interface Timers {
  set(fn: () => void, ms: number): Handle;
  clear(handle: Handle): void;
}

export function createKeepAlive(
  isNeeded: () => boolean,
  ping: () => Promise<unknown>,
  intervalMs = KEEP_ALIVE_INTERVAL_MS,
  // TRICKY: wrapped, not passed as is: a bare setInterval called as a method throws
  // "Illegal invocation" in browsers.
  timers: Timers = { set: (fn, ms) => setInterval(fn, ms), clear: (t) => clearInterval(t) },
): KeepAlive {
  let timer: Handle | null = null;
  let pings = 0;
  const tick = () => {
    pings++;
    ping().catch((error: unknown) => console.warn('keep-alive ping failed', error));
  };
  const stop = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };
  const keepAlive: KeepAlive = {
    update() {
      if (isNeeded()) timer ??= timers.set(tick, intervalMs);
      else stop();
    },
    setIntervalMs(ms) {
      intervalMs = ms;
      stop();
      keepAlive.update();
    },
    get running() {
      return timer !== null;
    },
    get pings() {
      return pings;
    },
  };
  return keepAlive;
}
