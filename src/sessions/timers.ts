import type { SessionTimers, TimerId } from './types';

/** The real clock, for the background. */
export const systemTimers: SessionTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as TimerId,
  clearTimeout: (id) => clearTimeout(id),
};

/**
 * Browsers and Node fire a delay past 2^31 - 1 ms at once: a server's huge pingInterval or
 * heart-beat must not turn into a busy loop.
 */
const MAX_DELAY = 2_147_483_647;

/** A named one-shot timer that re-arming replaces; all of a session's stop on dispose. */
export interface TimerSlots {
  set(name: string, ms: number, callback: () => void): void;
  clear(name: string): void;
  has(name: string): boolean;
  clearAll(): void;
}

export function createTimerSlots(timers: SessionTimers): TimerSlots {
  const slots = new Map<string, TimerId>();
  const clear = (name: string) => {
    const id = slots.get(name);
    if (id === undefined) return;
    timers.clearTimeout(id);
    slots.delete(name);
  };
  return {
    set(name, ms, callback) {
      clear(name);
      const id = timers.setTimeout(
        () => {
          slots.delete(name);
          callback();
        },
        Math.min(Math.max(0, ms), MAX_DELAY),
      );
      slots.set(name, id);
    },
    clear,
    has: (name) => slots.has(name),
    clearAll() {
      for (const name of [...slots.keys()]) clear(name);
    },
  };
}
