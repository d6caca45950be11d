import { describe, expect, it } from 'vitest';
import { createEventStore } from '../../../../src/inspector/model/event-store';
import {
  compileFilter,
  EMPTY_FILTER,
  matchRanges,
  parseSize,
  searchableText,
  type FrameFilter,
} from '../../../../src/inspector/model/filter';
import { advanceFilter, createFilterResult } from '../../../../src/inspector/model/filter-run';
import type { SocketEvent } from '../../../../src/protocol';

const storeOf = (events: readonly SocketEvent[]) => {
  const store = createEventStore({ maxFrames: 1_000_000, maxEvents: 1_000_000 });
  store.append(events);
  return store;
};

const text = (t: number, body: string, direction: 'in' | 'out' = 'in', socketId = 's'): SocketEvent => ({
  type: 'frame',
  socketId,
  time: t,
  direction,
  payload: { kind: 'text', text: body },
});
const binary = (t: number, base64: string): SocketEvent => ({
  type: 'frame',
  socketId: 's',
  time: t,
  direction: 'out',
  payload: { kind: 'binary', base64 },
});
const events: SocketEvent[] = [
  {
    type: 'created',
    socketId: 's',
    time: 0,
    url: 'wss://feed.example/quotes',
    protocols: [],
    frameUrl: 'https://app/',
  },
  text(1, '{"type":"price","v":10}'),
  text(2, 'PING', 'out'),
  binary(3, 'gqR0eXBlpXByaWNl'), // MessagePack {"type":"price"}
  text(4, 'x'.repeat(2000)),
  { type: 'close', socketId: 's', time: 5, code: 4001, reason: 'going away', wasClean: true },
];
const run = (f: Partial<FrameFilter>) => {
  const c = compileFilter({ ...EMPTY_FILTER, ...f });
  if (!c.ok) throw new Error(c.error);
  return events.flatMap((e, i) => (c.matches(e) ? [i] : []));
};

describe('frame filter', () => {
  it('matches text case-insensitively by default, in frames and lifecycle events, binary read as UTF-8', () => {
    expect(run({ text: 'price' })).toEqual([1, 3]);
    expect(run({ text: 'PRICE', matchCase: true })).toEqual([]);
    expect(run({ text: 'quotes' })).toEqual([0]);
    expect(run({ text: 'going away' })).toEqual([5]);
    expect(run({ text: '.*' })).toEqual([]); // plain text: no regex meaning
  });

  it('matches regular expressions, and reports an invalid one as an error', () => {
    expect(run({ text: '"v":\\d+', regex: true })).toEqual([1]);
    expect(run({ text: '^ping$', regex: true })).toEqual([2]);
    expect(compileFilter({ ...EMPTY_FILTER, text: '(unclosed', regex: true })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid regular expression: .*unclosed|Invalid regular expression: /),
    });
    expect(compileFilter({ ...EMPTY_FILTER, text: '(unclosed' }).ok).toBe(true);
  });

  it('filters by direction, type and size', () => {
    expect(run({ received: false })).toEqual([0, 2, 3, 5]);
    expect(run({ sent: false, lifecycle: false })).toEqual([1, 4]);
    expect(run({ textFrames: false })).toEqual([0, 3, 5]);
    expect(run({ binaryFrames: false, textFrames: false })).toEqual([0, 5]);
    expect(run({ minSize: '1k' })).toEqual([4]);
    expect(run({ maxSize: '12' })).toEqual([2, 3]); // lifecycle events have no size: out when a bound is set
    expect(compileFilter({ ...EMPTY_FILTER, minSize: 'big' })).toEqual({
      ok: false,
      error: 'Minimum size “big” is not a size: use e.g. 512, 1k or 2 MiB',
    });
  });

  it('says whether anything is filtered', () => {
    expect(compileFilter(EMPTY_FILTER)).toMatchObject({ ok: true, active: false });
    expect(compileFilter({ ...EMPTY_FILTER, lifecycle: false })).toMatchObject({ ok: true, active: true });
  });

  it('parses sizes', () => {
    expect(['', '512', '1k', '1.5 KiB', '2MB', '3 mib', 'x', '-1', '1 GB'].map(parseSize)).toEqual([
      null,
      512,
      1024,
      1536,
      2 * 1024 ** 2,
      3 * 1024 ** 2,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('finds match ranges for highlighting, safe on empty matches', () => {
    expect(matchRanges('a price, a PRICE', /price/i)).toEqual([
      [2, 7],
      [11, 16],
    ]);
    expect(matchRanges('aaa', /b*/)).toEqual([]);
    expect(matchRanges('abc', null)).toEqual([]);
  });

  it('searches binary frames in their hex preview too', () => {
    expect(searchableText(events[3]!)).toContain('82 a4 74 79');
    expect(run({ text: '82 a4' })).toEqual([3]);
  });
});

describe('incremental filter run', () => {
  it('can stop on a time budget and resume where it stopped, with per-socket counts', () => {
    const many = Array.from({ length: 3000 }, (_, i) => text(i, i % 3 === 0 ? 'hit' : 'miss', 'in', i % 2 ? 'a' : 'b'));
    const c = compileFilter({ ...EMPTY_FILTER, text: 'hit' });
    if (!c.ok) throw new Error(c.error);
    const result = createFilterResult();
    let calls = 0;
    const store = storeOf(many);
    expect(advanceFilter(result, store, store.end, c.matches, 'a', () => ++calls === 1)).toBe(false);
    expect(result.next).toBe(512);
    expect(advanceFilter(result, store, store.end, c.matches, 'a')).toBe(true);
    expect(result.shown).toEqual(many.flatMap((e, i) => (i % 3 === 0 && i % 2 === 1 ? [i] : [])));
    expect(Object.fromEntries(result.counts)).toEqual({ a: 500, b: 500 });
  });

  it('filters 100,000 frames by regex to exactly the matching ones (its speed: npm run bench)', () => {
    const sample = [
      '{"type":"tick","price":101.25,"symbol":"ACME"}',
      'ping',
      '{"type":"trade","qty":5,"symbol":"FOO"}',
    ];
    const many = Array.from({ length: 100_000 }, (_, i) => text(i, `${sample[i % 3]} #${i}`, i % 2 ? 'in' : 'out'));
    const c = compileFilter({ ...EMPTY_FILTER, text: '"symbol":"(ACME|FOO)".*#\\d*7$', regex: true });
    if (!c.ok) throw new Error(c.error);
    const result = createFilterResult();
    const store = storeOf(many);
    advanceFilter(result, store, store.end, c.matches, null);
    expect(result.shown).toEqual(many.flatMap((_, i) => (i % 3 !== 1 && i % 10 === 7 ? [i] : [])));
  });
});
