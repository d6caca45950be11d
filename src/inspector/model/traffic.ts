import type { SocketEvent } from '../../protocol';
import { eventSize } from './event-size';
import type { EventStore } from './event-store';

/**
 * Counters over time: totals, largest frames and rate buckets for a socket or all of them
 * (the panel's Stats view), and the current rate each way (the popup's status line). Per-socket
 * totals as they stream in are socket-summary.ts.
 */
export type EventRange = Pick<EventStore, 'head' | 'end' | 'at'>;

export interface RateBucket {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
}

export interface RateTimeline {
  /** Epoch ms of the first bucket's start. */
  readonly start: number;
  readonly bucketMs: number;
  readonly buckets: readonly RateBucket[];
}

export interface TrafficStats extends RateBucket {
  readonly largestIn: number;
  readonly largestOut: number;
  /** Epoch ms of the first and last frame, null without frames. */
  readonly first: number | null;
  readonly last: number | null;
}

/** Bucket widths a chart can label: 1 s, 2 s, 5 s, 10 s, … */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400].map((s) => s * 1000);

const isFrameOf = (e: SocketEvent, socketId: string | null): e is Extract<SocketEvent, { type: 'frame' }> =>
  e.type === 'frame' && (socketId === null || e.socketId === socketId);

/** Totals for one socket (or all with null): frames and bytes each way, largest frame, span. */
export function trafficStats(events: EventRange, socketId: string | null): TrafficStats {
  let framesIn = 0,
    framesOut = 0,
    bytesIn = 0,
    bytesOut = 0,
    largestIn = 0,
    largestOut = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (let i = events.head; i < events.end; i++) {
    const e = events.at(i);
    if (!isFrameOf(e, socketId)) continue;
    const size = eventSize(e);
    if (e.direction === 'in') {
      framesIn++;
      bytesIn += size;
      largestIn = Math.max(largestIn, size);
    } else {
      framesOut++;
      bytesOut += size;
      largestOut = Math.max(largestOut, size);
    }
    first = first === null ? e.time : Math.min(first, e.time);
    last = last === null ? e.time : Math.max(last, e.time);
  }
  return { framesIn, framesOut, bytesIn, bytesOut, largestIn, largestOut, first, last };
}

/**
 * Frames and bytes each way per time bucket, at most `maxBuckets` buckets of a readable width
 * (at least 1 s), covering the first to the last frame.
 */
export function rateTimeline(events: EventRange, socketId: string | null, maxBuckets = 60): RateTimeline {
  const { first, last } = trafficStats(events, socketId);
  if (first === null || last === null) return { start: 0, bucketMs: 1000, buckets: [] };
  const span = last - first;
  const bucketMs = STEPS.find((s) => span / s < maxBuckets) ?? Math.ceil(span / maxBuckets / 86_400_000) * 86_400_000;
  const start = Math.floor(first / bucketMs) * bucketMs;
  const count = Math.floor((last - start) / bucketMs) + 1;
  const buckets: RateBucket[] = Array.from({ length: count }, () => ({
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
  }));
  for (let i = events.head; i < events.end; i++) {
    const e = events.at(i);
    if (!isFrameOf(e, socketId)) continue;
    const b = buckets[Math.floor((e.time - start) / bucketMs)]!;
    if (e.direction === 'in') {
      b.framesIn++;
      b.bytesIn += eventSize(e);
    } else {
      b.framesOut++;
      b.bytesOut += eventSize(e);
    }
  }
  return { start, bucketMs, buckets };
}

/** A bucket's value as a rate per second. */
export const perSecond = (value: number, bucketMs: number) => value / (bucketMs / 1000);

/** Frames per second each way over the last `windowMs`, scanning back from the newest only. */
export function frameRate(events: EventRange, now: number, windowMs = 1_000): { in: number; out: number } {
  let inCount = 0;
  let outCount = 0;
  for (let i = events.end - 1; i >= events.head; i--) {
    const e = events.at(i);
    if (e.time < now - windowMs) break;
    if (e.type === 'frame') {
      if (e.direction === 'in') inCount++;
      else outCount++;
    }
  }
  return { in: (inCount * 1000) / windowMs, out: (outCount * 1000) / windowMs };
}
