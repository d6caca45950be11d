import { describe, expect, it } from 'vitest';
import { createEventLog, storedSize, type EventLogLimits } from '../../../src/core/event-log';
import type { SocketEvent } from '../../../src/protocol';

const BIG: EventLogLimits = { maxFrames: 1_000_000, maxBytes: 1e12, maxLifecycleEvents: 1_000_000 };
const frame = (n: number, text = `m${n}`): SocketEvent => ({
  type: 'frame',
  socketId: 's',
  time: n,
  direction: n % 2 ? 'in' : 'out',
  payload: { kind: 'text', text },
});
const opened = (n: number): SocketEvent => ({ type: 'open', socketId: `s${n}`, time: n, protocol: '', extensions: '' });
const closed = (n: number): SocketEvent => ({
  type: 'close',
  socketId: `s${n}`,
  time: n,
  code: 1000,
  reason: '',
  wasClean: true,
});
const times = (events: SocketEvent[]) => events.map((e) => e.time);

describe('createEventLog', () => {
  it('keeps frames and lifecycle events in append order, across appends', () => {
    const log = createEventLog(BIG);
    log.append([opened(1), frame(2), frame(3)]);
    log.append([]);
    log.append([closed(4)]);
    log.append([frame(5), opened(6), frame(7), closed(8)]);
    expect(times(log.all())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(log.frameCount).toBe(4);
    expect(log.dropped).toBe(0);
    expect(log.byteCount).toBe([2, 3, 5, 7].reduce((sum, n) => sum + storedSize(frame(n)), 0));
  });

  it('evicts the oldest frames at the frame cap, counts them, and keeps lifecycle events', () => {
    const log = createEventLog({ ...BIG, maxFrames: 3 });
    log.append([opened(1), frame(2), frame(3), frame(4)]);
    log.append([frame(5), closed(6), frame(7)]);
    expect(times(log.all())).toEqual([1, 4, 5, 6, 7]);
    expect(log.frameCount).toBe(3);
    expect(log.dropped).toBe(2);
    expect(log.byteCount).toBe(storedSize(frame(4)) + storedSize(frame(5)) + storedSize(frame(7)));
  });

  it('evicts the oldest frames at the byte cap and counts them exactly', () => {
    const text = 'x'.repeat(68); // 64 overhead + 136 = 200 stored bytes per frame
    expect(storedSize(frame(0, text))).toBe(200);
    const log = createEventLog({ ...BIG, maxBytes: 1000 });
    log.append([opened(0), ...[1, 2, 3, 4, 5].map((n) => frame(n, text))]);
    expect(log.dropped).toBe(0);
    expect(log.byteCount).toBe(1000);
    log.append([frame(6, text), frame(7, text)]);
    expect(times(log.all())).toEqual([0, 3, 4, 5, 6, 7]);
    expect(log.byteCount).toBe(1000);
    expect(log.dropped).toBe(2);
    // One frame bigger than the whole budget evicts everything, itself included.
    log.append([frame(8, 'y'.repeat(1000))]);
    expect(times(log.all())).toEqual([0]);
    expect(log.byteCount).toBe(0);
    expect(log.dropped).toBe(8);
  });

  it('refuses lifecycle events past their cap and counts them', () => {
    const log = createEventLog({ ...BIG, maxLifecycleEvents: 2 });
    log.append([opened(1), frame(2), closed(3), opened(4), frame(5)]);
    expect(times(log.all())).toEqual([1, 2, 3, 5]);
    expect(log.dropped).toBe(1);
  });

  it('clear() empties everything and resets the counters', () => {
    const log = createEventLog({ ...BIG, maxFrames: 1 });
    log.append([opened(1), frame(2), frame(3)]);
    expect(log.dropped).toBe(1);
    log.clear();
    expect(log.all()).toEqual([]);
    expect([log.frameCount, log.byteCount, log.dropped]).toEqual([0, 0, 0]);
    log.append([frame(4), opened(5)]);
    expect(times(log.all())).toEqual([4, 5]);
  });

  it('stays correct after compaction: cap 10, 100,000 frames one by one', () => {
    const log = createEventLog({ ...BIG, maxFrames: 10 });
    log.append([opened(-1)]);
    for (let n = 0; n < 100_000; n++) log.append([frame(n)]);
    expect(times(log.all())).toEqual([-1, ...Array.from({ length: 10 }, (_, i) => 99_990 + i)]);
    expect(log.dropped).toBe(99_990);
    expect(log.frameCount).toBe(10);
    expect(log.byteCount).toBe(
      Array.from({ length: 10 }, (_, i) => storedSize(frame(99_990 + i))).reduce((a, b) => a + b),
    );
  });

  it('stays correct after compaction within one large append, with lifecycle events interleaved', () => {
    const log = createEventLog({ ...BIG, maxFrames: 10 });
    const batch: SocketEvent[] = [];
    for (let n = 0; n < 5_000; n++) batch.push(n % 1000 === 0 ? opened(n) : frame(n));
    log.append(batch);
    log.append([frame(5_000), closed(5_001)]);
    const expected = [0, 1000, 2000, 3000, 4000, ...Array.from({ length: 9 }, (_, i) => 4_991 + i), 5_000, 5_001];
    expect(times(log.all())).toEqual(expected);
    expect(log.dropped).toBe(4_995 - 10 + 1);
  });
});
