import type { SocketEvent } from '../protocol';

/**
 * The result of filtering the event log, built incrementally: a run scans a slice of the log at a
 * time and can stop when its time budget is spent, so 100,000 frames never block the UI in one
 * task, and new events are filtered as they arrive without rescanning the old ones.
 */
export interface FilterResult {
  /** Indices into the log of matching events of the selected socket (or of all sockets). */
  readonly shown: number[];
  /** Matching events per socket, across all sockets: "search across all sockets". */
  readonly counts: Map<string, number>;
  /** Index of the first event not scanned yet. */
  next: number;
}

export const createFilterResult = (): FilterResult => ({ shown: [], counts: new Map(), next: 0 });

const CHECK_EVERY = 512;

/**
 * Scans `events[result.next .. end)`. Returns true when it reached `end`, false when `timeUp()`
 * said to stop (checked every 512 events); call again to go on.
 */
export function advanceFilter(
  result: FilterResult,
  events: readonly SocketEvent[],
  end: number,
  matches: (e: SocketEvent) => boolean,
  socketId: string | null,
  timeUp: () => boolean = () => false,
): boolean {
  let i = result.next;
  while (i < end) {
    const stop = Math.min(end, i + CHECK_EVERY);
    for (; i < stop; i++) {
      const e = events[i]!;
      if (!matches(e)) continue;
      result.counts.set(e.socketId, (result.counts.get(e.socketId) ?? 0) + 1);
      if (socketId === null || e.socketId === socketId) result.shown.push(i);
    }
    result.next = i;
    if (i < end && timeUp()) return false;
  }
  return true;
}
