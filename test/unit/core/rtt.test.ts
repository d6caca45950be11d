import { describe, expect, it } from 'vitest';
import { createRttMatcher } from '../../../src/core/rtt';
import type { SocketEvent } from '../../../src/protocol';

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
