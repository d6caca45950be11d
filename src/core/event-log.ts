import type { SocketEvent } from '../protocol';

/**
 * A bounded, ordered log of socket events. Frames are capped by count and by bytes; when a cap
 * is reached the oldest frames are evicted and counted in `dropped` (never lost silently).
 * Lifecycle events (created/open/error/close) are kept apart so that evicting frames never
 * forgets which sockets existed; they have their own, much larger cap.
 */
export interface EventLogLimits {
  readonly maxFrames: number;
  readonly maxBytes: number;
  readonly maxLifecycleEvents: number;
}

export const DEFAULT_LIMITS: EventLogLimits = {
  maxFrames: 100_000,
  maxBytes: 256 * 1024 * 1024,
  maxLifecycleEvents: 20_000,
};

export interface EventLog {
  append(events: readonly SocketEvent[]): void;
  /** All kept events in the order they were appended. */
  all(): SocketEvent[];
  clear(): void;
  /** New caps; frames over them are evicted (and counted) at once. */
  setLimits(limits: EventLogLimits): void;
  /** Counts drops that happened before this log existed (a restored capture). */
  addDropped(count: number): void;
  readonly frameCount: number;
  readonly byteCount: number;
  /** Events evicted or refused because of the caps, since creation or the last clear(). */
  readonly dropped: number;
}

interface Entry {
  readonly seq: number;
  readonly event: SocketEvent;
  readonly bytes: number;
}

/** Approximate bytes a stored event costs: its payload plus a fixed per-entry overhead. */
export function storedSize(event: SocketEvent): number {
  const overhead = 64;
  if (event.type !== 'frame') return overhead;
  const p = event.payload;
  return overhead + (p.kind === 'text' ? p.text.length * 2 : p.base64.length);
}

export function createEventLog(initialLimits: EventLogLimits = DEFAULT_LIMITS): EventLog {
  let limits = initialLimits;
  let frames: Entry[] = [];
  let frameHead = 0; // index of the oldest kept frame; compacted lazily to keep eviction O(1)
  let lifecycle: Entry[] = [];
  let seq = 0;
  let bytes = 0;
  let dropped = 0;

  const evictFrames = () => {
    while (frames.length - frameHead > limits.maxFrames || (bytes > limits.maxBytes && frames.length > frameHead)) {
      const oldest = frames[frameHead++]!;
      bytes -= oldest.bytes;
      dropped++;
    }
    if (frameHead > 1024 && frameHead * 2 > frames.length) {
      frames = frames.slice(frameHead);
      frameHead = 0;
    }
  };

  return {
    append(events) {
      for (const event of events) {
        const entry: Entry = { seq: seq++, event, bytes: storedSize(event) };
        if (event.type === 'frame') {
          frames.push(entry);
          bytes += entry.bytes;
        } else if (lifecycle.length < limits.maxLifecycleEvents) {
          lifecycle.push(entry);
        } else {
          dropped++;
        }
      }
      evictFrames();
    },
    all() {
      const out: SocketEvent[] = [];
      let f = frameHead;
      let l = 0;
      while (f < frames.length || l < lifecycle.length) {
        const nextFrame = frames[f];
        const nextLifecycle = lifecycle[l];
        if (nextLifecycle && (!nextFrame || nextLifecycle.seq < nextFrame.seq)) {
          out.push(nextLifecycle.event);
          l++;
        } else if (nextFrame) {
          out.push(nextFrame.event);
          f++;
        }
      }
      return out;
    },
    setLimits(next) {
      limits = next;
      evictFrames();
    },
    addDropped(count) {
      dropped += count;
    },
    clear() {
      frames = [];
      frameHead = 0;
      lifecycle = [];
      bytes = 0;
      dropped = 0;
    },
    get frameCount() {
      return frames.length - frameHead;
    },
    get byteCount() {
      return bytes;
    },
    get dropped() {
      return dropped;
    },
  };
}
