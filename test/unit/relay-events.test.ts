import { describe, expect, it } from 'vitest';
import { createInOrder } from '../../src/core/in-order';
import { readBlobs, toRelayEvent, toSocketEvent, toSocketEvents, type BytesEvent } from '../../src/core/relay-events';
import { BLOB_FROM_BYTES, isRelayEvent, type HookEvent } from '../../src/protocol';

describe('capture transport: relay tuples to socket events', () => {
  it('forwards lifecycle tuples with the creation stack cut to the page frames, and the background turns them into socket events', async () => {
    const stack = 'Error\n    at Object.construct (chrome-extension://abc/hook.js:1:2)\n    at connect (http://h/app.js:10:5)';
    const created = toRelayEvent(['created', 's.0', 1.5, 'ws://h/', ['a'], 'http://h/', stack]);
    expect(created).toEqual(['created', 's.0', 1.5, 'ws://h/', ['a'], 'http://h/', '    at connect (http://h/app.js:10:5)']);
    const read = await readBlobs([created, ['error', 's.0', 2, true], ['close', 's.0', 3, 4001, 'bye', false]]);
    expect(toSocketEvents(read)).toEqual([
      { type: 'created', socketId: 's.0', time: 1.5, url: 'ws://h/', protocols: ['a'], frameUrl: 'http://h/', initiator: '    at connect (http://h/app.js:10:5)' },
      { type: 'error', socketId: 's.0', time: 2, message: 'Simulated error (from the panel)' },
      { type: 'close', socketId: 's.0', time: 3, code: 4001, reason: 'bye', wasClean: false },
    ]);
  });

  it('passes frames through untouched, and reads a batch without Blobs at once', () => {
    const text: HookEvent = ['frame', 's.0', 5, 'out', 'hi', undefined];
    const binary: HookEvent = ['frame', 's.0', 6, 'in', new Uint8Array(BLOB_FROM_BYTES - 1).buffer, undefined];
    expect(toRelayEvent(text)).toBe(text);
    expect(toRelayEvent(binary)).toBe(binary);
    const read = readBlobs([text, binary]);
    expect(read).not.toBeInstanceOf(Promise);
    expect(toSocketEvent((read as BytesEvent[])[0]!)).toEqual({ type: 'frame', socketId: 's.0', time: 5, direction: 'out', payload: { kind: 'text', text: 'hi' } });
  });

  it('reads Blob payloads (large binary copied by the hook, a page\'s Blob frames) back to the exact bytes, marks included', async () => {
    const bytes = new Uint8Array(BLOB_FROM_BYTES + 3).map((_, i) => i * 7);
    const original = new Uint8Array(BLOB_FROM_BYTES).fill(9);
    const large: HookEvent = ['frame', 's.0', 4, 'in', new Blob([bytes]), { kind: 'replaced', ruleId: 'r', original: new Blob([original]) }];
    expect(isRelayEvent(large)).toBe(true);
    const pageBlob: HookEvent = ['frame', 's.0', 5, 'out', new Blob([new Uint8Array([0, 255, 16])]), undefined];
    const read = await readBlobs([large, pageBlob]);
    const [replaced, fromPage] = toSocketEvents(read);
    expect(replaced).toMatchObject({
      payload: { kind: 'binary', base64: Buffer.from(bytes).toString('base64') },
      mark: { kind: 'replaced', ruleId: 'r', original: { kind: 'binary', base64: Buffer.from(original).toString('base64') } },
    });
    expect(fromPage).toMatchObject({ payload: { kind: 'binary', base64: 'AP8Q' } });
  });

  it('cuts a creation stack to the protocol limit, however deep the page made it', () => {
    const deep = 'Error\n' + Array.from({ length: 5_000 }, (_, i) => `    at f${i} (http://h/app.js:${i}:1)`).join('\n');
    const event = toRelayEvent(['created', 's.0', 1, 'ws://h/', [], 'http://h/', deep]);
    expect(isRelayEvent(event)).toBe(true);
    expect((event[6] as string).split('\n')).toHaveLength(30);
  });
});

describe('createInOrder', () => {
  it('delivers at once while nothing waits, and keeps order behind a value that must be waited for', async () => {
    const got: string[] = [];
    const errors: unknown[] = [];
    const deliver = createInOrder<string>((v) => got.push(v), (e) => errors.push(e));
    deliver('a');
    expect(got).toEqual(['a']);
    let release!: (v: string) => void;
    deliver(new Promise<string>((r) => (release = r)));
    deliver('c');
    deliver(Promise.reject(new Error('unreadable')));
    deliver('e');
    expect(got).toEqual(['a']);
    release('b');
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(['a', 'b', 'c', 'e']);
    expect(errors).toHaveLength(1);
    deliver('f');
    expect(got).toEqual(['a', 'b', 'c', 'e', 'f']);
  });
});
