import { createRttMatcher } from '../core/rtt';
import { createInspectorStore, type InspectorStore } from '../inspector/model/inspector-store';
import type { FrameFilter } from '../inspector/model/filter';
import type { SocketEvent } from '../protocol';

/** Round trips paired so far on one connection. */
export interface RoundTrips {
  readonly count: number;
  readonly totalMs: number;
  readonly lastMs: number | null;
}

export interface ConnectionLog {
  /** The connection's events as the shared inspector shows them. */
  readonly inspector: InspectorStore;
  append(events: readonly SocketEvent[]): void;
  replace(events: readonly SocketEvent[]): void;
  /** The connection's log limit (the background's): the oldest frames beyond it go here too. */
  setFrameLimit(maxFrames: number): void;
  /** Round-trip time of a received frame (ms), when it answered one sent. */
  rttOf(e: SocketEvent): number | null;
  roundTrips(): RoundTrips;
}

/** Lifecycle events a connection may keep beyond its frames (reconnects add a few each). */
const LIFECYCLE_ROOM = 20_000;

/**
 * One popup connection's log: the inspector store of its events, plus what only the popup has,
 * round-trip times (same JSON `id`, or an echo of the same payload), paired as events arrive.
 */
export function createConnectionLog(filter: FrameFilter, maxFrames: number): ConnectionLog {
  let matcher = createRttMatcher();
  let rtts = new WeakMap<SocketEvent, number>();
  let trips = { count: 0, totalMs: 0, lastMs: null as number | null };
  const observe = (e: SocketEvent) => {
    const t = matcher.observe(e);
    if (t === null) return;
    rtts.set(e, t);
    trips = { count: trips.count + 1, totalMs: trips.totalMs + t, lastMs: t };
  };
  const inspector = createInspectorStore({
    filter,
    bounds: { maxFrames, maxEvents: maxFrames + LIFECYCLE_ROOM },
    onEvent: observe,
  });
  let limit = maxFrames;
  return {
    inspector,
    append: (events) => inspector.append(events),
    replace(events) {
      matcher = createRttMatcher();
      rtts = new WeakMap();
      trips = { count: 0, totalMs: 0, lastMs: null };
      inspector.replace(events);
    },
    setFrameLimit(maxFrames) {
      if (maxFrames === limit) return;
      limit = maxFrames;
      inspector.setBounds({ maxFrames, maxEvents: maxFrames + LIFECYCLE_ROOM });
    },
    rttOf: (e) => rtts.get(e) ?? null,
    roundTrips: () => trips,
  };
}
