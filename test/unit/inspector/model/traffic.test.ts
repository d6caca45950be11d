import { describe, expect, it } from 'vitest';
import { createEventStore } from '../../../../src/inspector/model/event-store';
import { frameRate, perSecond, rateTimeline, trafficStats } from '../../../../src/inspector/model/traffic';
import type { SocketEvent } from '../../../../src/protocol';
import { text } from '../../fixtures/events';

const storeOf = (events: readonly SocketEvent[]) => {
  const store = createEventStore();
  store.append(events);
  return store;
};

const f = text;
const T = 1_000_000;
const events: SocketEvent[] = [
  { type: 'created', socketId: 'a', time: T - 5, url: 'ws://x/', protocols: [], frameUrl: '' },
  f('a', T, 'out', 'hi'),
  f('a', T + 400, 'in', 'héllo'), // 6 bytes
  f('b', T + 900, 'in', 'zzzzzzzzzz'),
  f('a', T + 2500, 'in', 'abc'),
  f('a', T + 2600, 'out', 'de'),
];

describe('traffic stats', () => {
  it('totals frames and bytes each way, largest frame and span, per socket or for all', () => {
    expect(trafficStats(storeOf(events), 'a')).toEqual({
      framesIn: 2,
      framesOut: 2,
      bytesIn: 9,
      bytesOut: 4,
      largestIn: 6,
      largestOut: 2,
      first: T,
      last: T + 2600,
    });
    expect(trafficStats(storeOf(events), null)).toMatchObject({ framesIn: 3, bytesIn: 19, largestIn: 10 });
    expect(trafficStats(storeOf([]), null)).toMatchObject({ framesIn: 0, first: null, last: null });
  });
});

describe('rate timeline', () => {
  it('buckets frames and bytes each way per second', () => {
    const t = rateTimeline(storeOf(events), 'a');
    expect(t.bucketMs).toBe(1000);
    expect(t.start).toBe(T);
    expect(t.buckets).toEqual([
      { framesIn: 1, framesOut: 1, bytesIn: 6, bytesOut: 2 },
      { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0 },
      { framesIn: 1, framesOut: 1, bytesIn: 3, bytesOut: 2 },
    ]);
  });

  it('widens buckets to a readable step so a long session stays within maxBuckets', () => {
    const long = Array.from({ length: 100 }, (_, i) => f('a', T + i * 60_000, 'in', 'x')); // 99 minutes
    const t = rateTimeline(storeOf(long), null, 60);
    expect(t.bucketMs).toBe(120_000);
    expect(t.buckets.length).toBeLessThanOrEqual(60);
    expect(t.buckets.reduce((n, b) => n + b.framesIn, 0)).toBe(100);
    expect(perSecond(t.buckets[0]!.framesIn, t.bucketMs)).toBeCloseTo(2 / 120);
  });

  it('is empty without frames', () => {
    expect(rateTimeline(storeOf(events.slice(0, 1)), null)).toEqual({ start: 0, bucketMs: 1000, buckets: [] });
  });
});

describe('frame rate', () => {
  it('counts frames each way over the last second, scanning back from the newest only', () => {
    const recent = [
      f('a', 100, 'in', 'a'),
      f('a', 1_500, 'in', 'a'),
      f('a', 1_800, 'out', 'a'),
      f('a', 2_000, 'in', 'a'),
    ];
    expect(frameRate(storeOf(recent), 2_000)).toEqual({ in: 2, out: 1 });
  });
});
