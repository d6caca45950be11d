import { describe, expect, it } from 'vitest';
import { compileFilter, filterIndices, NO_FILTER } from '../../src/core/log-filter';
import { countEvent, emptyStats, frameRate } from '../../src/core/log-stats';
import { createRttMatcher } from '../../src/core/rtt';
import type { SocketEvent } from '../../src/protocol';

const text = (direction: 'in' | 'out', t: string, time = 0): SocketEvent => ({
  type: 'frame',
  socketId: 'c1',
  time,
  direction,
  payload: { kind: 'text', text: t },
});
const bin = (direction: 'in' | 'out', base64: string, time = 0): SocketEvent => ({
  type: 'frame',
  socketId: 'c1',
  time,
  direction,
  payload: { kind: 'binary', base64 },
});
const close: SocketEvent = { type: 'close', socketId: 'c1', time: 9, code: 4000, reason: 'bye', wasClean: true };
const log = [text('out', 'Hello'), text('in', 'hello world'), bin('in', 'AAEC'), close];

const pass = (filter: Partial<typeof NO_FILTER>) => {
  const c = compileFilter({ ...NO_FILTER, ...filter });
  if (!c.ok) throw new Error(c.error);
  return filterIndices(log, c.test);
};

describe('log filter', () => {
  it('filters by text (case-insensitive), regex, direction and type', () => {
    expect(pass({})).toEqual([0, 1, 2, 3]);
    expect(pass({ text: 'HELLO' })).toEqual([0, 1]);
    expect(pass({ text: '^hello$', regex: true })).toEqual([0]);
    expect(pass({ text: '00 01' })).toEqual([2]); // binary matches its hex
    expect(pass({ text: 'bye' })).toEqual([3]);
    expect(pass({ direction: 'in' })).toEqual([1, 2]);
    expect(pass({ direction: 'out' })).toEqual([0]);
    expect(pass({ type: 'binary' })).toEqual([2]);
    expect(pass({ type: 'text', direction: 'in' })).toEqual([1]);
    expect(pass({ type: 'lifecycle' })).toEqual([3]);
  });
  it('reports an invalid regex instead of throwing', () => {
    const c = compileFilter({ ...NO_FILTER, text: '(', regex: true });
    expect(c.ok).toBe(false);
    expect(!c.ok && c.error).toMatch(/^Invalid regular expression: /);
  });
});

describe('log stats', () => {
  it('counts frames and UTF-8 bytes each way and the rate over the last second', () => {
    const s = emptyStats();
    for (const e of [text('out', 'é'), text('in', 'abc'), bin('in', 'AAEC'), close]) countEvent(s, e);
    expect(s).toMatchObject({ framesIn: 2, framesOut: 1, bytesIn: 6, bytesOut: 2 });
    const events = [text('in', 'a', 100), text('in', 'a', 1_500), text('out', 'a', 1_800), text('in', 'a', 2_000)];
    expect(frameRate(events, 2_000)).toEqual({ in: 2, out: 1 });
  });
});

describe('rtt pairing', () => {
  it('pairs by JSON id, else by identical payload, once', () => {
    const m = createRttMatcher();
    expect(m.observe(text('out', '{"id":7,"method":"ping"}', 1_000))).toBeNull();
    expect(m.observe(text('out', 'echo me', 1_010))).toBeNull();
    expect(m.observe(bin('out', 'AAEC', 1_020))).toBeNull();
    expect(m.observe(text('in', '{"id":8,"result":1}', 1_030))).toBeNull();
    expect(m.observe(text('in', '{"result":"pong","id":7}', 1_042))).toBe(42);
    expect(m.observe(text('in', 'echo me', 1_100))).toBe(90);
    expect(m.observe(text('in', 'echo me', 1_200))).toBeNull(); // already paired
    expect(m.observe(bin('in', 'AAEC', 1_021))).toBe(1);
    expect(m.observe(text('in', 'AAEC', 1_030))).toBeNull(); // text never pairs with binary
  });
  it('bounds pending requests, evicting the oldest', () => {
    const m = createRttMatcher(2);
    for (const t of ['a', 'b', 'c']) m.observe(text('out', t, 0));
    expect(m.observe(text('in', 'a', 5))).toBeNull();
    expect(m.observe(text('in', 'c', 5))).toBe(5);
  });
});
