import type { SocketEvent } from '../../protocol';

/**
 * The events a UI shows, in order, bounded. Events keep their index for life (the n-th event
 * appended has index n), so filter results and the selection survive evictions: when more than
 * `maxFrames` frames (or `maxEvents` events) are kept, the oldest events go, frames and the
 * lifecycle events between them alike. (Socket summaries are folded as events arrive, so a
 * socket's counters and state outlive its evicted `created` event.)
 *
 * Eviction only moves `head`; the array is compacted once half of it is evicted.
 */
export interface EventStore {
  /** Index of the oldest kept event. */
  readonly head: number;
  /** One past the index of the newest event. */
  readonly end: number;
  readonly frameCount: number;
  /** The event at `index` (head ≤ index < end). */
  at(index: number): SocketEvent;
  /** Appends, evicting the oldest beyond the bounds; returns what was evicted, oldest first. */
  append(events: readonly SocketEvent[]): readonly SocketEvent[];
  /** Empties the store; indices go on from where they were (a selection cannot point into the new events). */
  clear(): void;
  setBounds(bounds: EventStoreBounds): readonly SocketEvent[];
  /** The kept events, oldest first (a copy). */
  all(): SocketEvent[];
}

export interface EventStoreBounds {
  readonly maxFrames: number;
  /** All events, lifecycle ones included: a page that opens sockets in a loop makes no frames. */
  readonly maxEvents: number;
}

export const DEFAULT_STORE_BOUNDS: EventStoreBounds = { maxFrames: 100_000, maxEvents: 120_000 };

const COMPACT_FROM = 4_096;

export function createEventStore(initial: EventStoreBounds = DEFAULT_STORE_BOUNDS): EventStore {
  let bounds = initial;
  let events: SocketEvent[] = [];
  /** Position in `events` of the oldest kept event, and the index it has. */
  let offset = 0;
  let head = 0;
  let frames = 0;

  const evict = (): SocketEvent[] => {
    const evicted: SocketEvent[] = [];
    while (events.length - offset > 0 && (frames > bounds.maxFrames || events.length - offset > bounds.maxEvents)) {
      const oldest = events[offset++]!;
      if (oldest.type === 'frame') frames--;
      evicted.push(oldest);
      head++;
    }
    if (offset >= COMPACT_FROM && offset * 2 > events.length) {
      events = events.slice(offset);
      offset = 0;
    }
    return evicted;
  };

  return {
    get head() {
      return head;
    },
    get end() {
      return head + events.length - offset;
    },
    get frameCount() {
      return frames;
    },
    at: (index) => events[offset + index - head]!,
    append(batch) {
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i]!;
        events.push(e);
        if (e.type === 'frame') frames++;
      }
      return evict();
    },
    clear() {
      head += events.length - offset;
      events = [];
      offset = 0;
      frames = 0;
    },
    setBounds(next) {
      bounds = next;
      return evict();
    },
    all: () => events.slice(offset),
  };
}
