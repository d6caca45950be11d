import type { SocketEvent } from '../../protocol';
import type { EventStore } from './event-store';

/**
 * The result of filtering an event store, built incrementally: a run scans a slice of the store
 * at a time and can stop when its time budget is spent, so 100,000 frames never block the UI in
 * one task, and new events are filtered as they arrive without rescanning the old ones.
 */
export interface FilterResult {
  /**
   * Indices (EventStore indices) of matching events of the selected socket (or of all
   * sockets), ascending, from `shown[shownHead]` on: evicted ones are skipped, not spliced out.
   */
  readonly shown: number[];
  shownHead: number;
  /** Matching kept events per socket, across all sockets: "search across all sockets". */
  readonly counts: Map<string, number>;
  /** Index of the first event not scanned yet. */
  next: number;
}

export const createFilterResult = (start = 0): FilterResult => ({
  shown: [],
  shownHead: 0,
  counts: new Map(),
  next: start,
});

const CHECK_EVERY = 512;

/**
 * Scans the store from `result.next` to `end`. Returns true when it reached `end`, false when
 * `timeUp()` said to stop (checked every 512 events); call again to go on.
 */
export function advanceFilter(
  result: FilterResult,
  store: EventStore,
  end: number,
  matches: (e: SocketEvent) => boolean,
  socketId: string | null,
  timeUp: () => boolean = () => false,
): boolean {
  let i = Math.max(result.next, store.head);
  while (i < end) {
    const stop = Math.min(end, i + CHECK_EVERY);
    for (; i < stop; i++) {
      const e = store.at(i);
      if (!matches(e)) continue;
      result.counts.set(e.socketId, (result.counts.get(e.socketId) ?? 0) + 1);
      if (socketId === null || e.socketId === socketId) result.shown.push(i);
    }
    result.next = i;
    if (i < end && timeUp()) return false;
  }
  return true;
}

/**
 * Forgets events the store evicted (`evicted`, oldest first, now below `store.head`): their
 * rows go, and they no longer count as matches. Costs one filter test per evicted event that
 * had been scanned, as much as scanning it did.
 */
export function forgetEvicted(
  result: FilterResult,
  evicted: readonly SocketEvent[],
  head: number,
  matches: (e: SocketEvent) => boolean,
): void {
  const firstIndex = head - evicted.length;
  const scanned = Math.min(evicted.length, Math.max(0, result.next - firstIndex));
  for (let i = 0; i < scanned; i++) {
    const e = evicted[i]!;
    if (!matches(e)) continue;
    const left = (result.counts.get(e.socketId) ?? 1) - 1;
    if (left > 0) result.counts.set(e.socketId, left);
    else result.counts.delete(e.socketId);
  }
  while (result.shownHead < result.shown.length && result.shown[result.shownHead]! < head) result.shownHead++;
  // Compacted once half of it is gone, so that skipping stays O(1) per event.
  if (result.shownHead > 1_024 && result.shownHead * 2 > result.shown.length) {
    result.shown.splice(0, result.shownHead);
    result.shownHead = 0;
  }
}

/** The rows a table shows: count, row → store index, store index → row. */
export interface Rows {
  readonly count: number;
  at(row: number): number;
  /** The row showing store index `index`, or -1. */
  rowOf(index: number): number;
}

export function rowsOf(result: FilterResult, pausedAt: number | null): Rows {
  const { shown, shownHead } = result;
  let end = shown.length;
  // Paused: the rows stop where they were; events scanned since are not shown yet.
  if (pausedAt !== null) end = firstAtOrAbove(shown, shownHead, end, pausedAt);
  return {
    count: end - shownHead,
    at: (row) => shown[shownHead + row]!,
    rowOf(index) {
      const at = firstAtOrAbove(shown, shownHead, end, index);
      return at < end && shown[at] === index ? at - shownHead : -1;
    },
  };
}

/** The first position in the ascending `list[lo..hi)` whose value is ≥ value (hi if none). */
function firstAtOrAbove(list: readonly number[], lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
