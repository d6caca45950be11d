import { describe, expect, it } from 'vitest';
import { createInOrder } from '../../../src/core/in-order';
import { readBlobs, toSocketEvent, toSocketEvents, type BytesEvent } from '../../../src/background/hook-events';
import { readyBatch } from '../../../src/page/relay-batch';
import { BLOB_FROM_BYTES, isRelayEvent, parseHookBatch, type HookEvent } from '../../../src/protocol';

describe('capture transport: relay tuples to socket events', () => {
  it('forwards a batch with creation stacks cut to the page frames, and the background turns it into socket events', async () => {
    const stack =
      'Error\n    at Object.construct (chrome-extension://abc/hook.js:1:2)\n    at connect (http://h/app.js:10:5)';
    const batch = [
      'created',
      's.0',
      1.5,
      'ws://h/',
      ['a'],
      'http://h/',
      stack,
      'error',
      's.0',
      2,
      true,
      'close',
      's.0',
      3,
      4001,
      'bye',
      false,
    ];
    expect(readyBatch(batch)).toBe(true);
    expect(batch.slice(0, 7)).toEqual([
      'created',
      's.0',
      1.5,
      'ws://h/',
      ['a'],
      'http://h/',
      '    at connect (http://h/app.js:10:5)',
    ]);
    const read = await readBlobs(parseHookBatch(batch)!);
    expect(toSocketEvents(read)).toEqual([
      {
        type: 'created',
        socketId: 's.0',
        time: 1.5,
        url: 'ws://h/',
        protocols: ['a'],
        frameUrl: 'http://h/',
        initiator: '    at connect (http://h/app.js:10:5)',
      },
      { type: 'error', socketId: 's.0', time: 2, message: 'Simulated error (from the panel)' },
      { type: 'close', socketId: 's.0', time: 3, code: 4001, reason: 'bye', wasClean: false },
    ]);
  });

  it('cuts Firefox\'s hook frames ("<anonymous code>") from the top of a creation stack, and only from the top', () => {
    const stack =
      'Ve@<anonymous code>:1:1265\nle@<anonymous code>:1:2667\nconstruct@<anonymous code>:1:3186\nconnect@http://h/app.js:10:5\n@<anonymous code>:2:1';
    const batch = ['created', 's.0', 1.5, 'ws://h/', [], 'http://h/', stack];
    expect(readyBatch(batch)).toBe(true);
    expect(batch[6]).toBe('connect@http://h/app.js:10:5\n@<anonymous code>:2:1');
  });

  it('passes frames through untouched, and reads a batch without Blobs at once', () => {
    const text: HookEvent = ['frame', 's.0', 5, 'out', 'hi', undefined];
    const binary: HookEvent = ['frame', 's.0', 6, 'in', new Uint8Array(BLOB_FROM_BYTES - 1).buffer, undefined];
    const batch = [...text, ...binary];
    expect(readyBatch(batch)).toBe(true);
    expect(batch).toEqual([...text, ...binary]);
    expect(batch[10]).toBe(binary[4]);
    const read = readBlobs(parseHookBatch(batch)!);
    expect(read).not.toBeInstanceOf(Promise);
    expect(toSocketEvent((read as BytesEvent[])[0]!)).toEqual({
      type: 'frame',
      socketId: 's.0',
      time: 5,
      direction: 'out',
      payload: { kind: 'text', text: 'hi' },
    });
  });

  it("reads Blob payloads (large binary copied by the hook, a page's Blob frames) back to the exact bytes, marks included", async () => {
    const bytes = new Uint8Array(BLOB_FROM_BYTES + 3).map((_, i) => i * 7);
    const original = new Uint8Array(BLOB_FROM_BYTES).fill(9);
    const large: HookEvent = [
      'frame',
      's.0',
      4,
      'in',
      new Blob([bytes]),
      { kind: 'replaced', ruleId: 'r', original: new Blob([original]) },
    ];
    expect(isRelayEvent(large)).toBe(true);
    const pageBlob: HookEvent = ['frame', 's.0', 5, 'out', new Blob([new Uint8Array([0, 255, 16])]), undefined];
    const read = await readBlobs([large, pageBlob]);
    const [replaced, fromPage] = toSocketEvents(read);
    expect(replaced).toMatchObject({
      payload: { kind: 'binary', base64: Buffer.from(bytes).toString('base64') },
      mark: {
        kind: 'replaced',
        ruleId: 'r',
        original: { kind: 'binary', base64: Buffer.from(original).toString('base64') },
      },
    });
    expect(fromPage).toMatchObject({ payload: { kind: 'binary', base64: 'AP8Q' } });
  });

  it("reads the hook's flat batch event by event, and refuses one it cannot split or whose events are not valid", () => {
    const mark = { kind: 'fake' } as const;
    const events = [
      ['created', 's.0', 1, 'ws://h/', ['a'], 'http://h/', 'stack'],
      ['open', 's.0', 2, 'a', ''],
      ['frame', 's.0', 3, 'in', 'hi', mark],
      ['frame', 's.0', 4, 'out', 'yo', undefined],
      ['error', 's.0', 5, false],
      ['close', 's.0', 6, 1000, '', true],
    ];
    const batch = events.flat(1);
    expect(parseHookBatch(batch)).toEqual(events);
    expect(parseHookBatch([])).toEqual([]);
    for (const bad of [
      ['frame', 's.0', 3, 'in', 'hi'], // one field short
      ['toString', 1, 2], // not an event type, even an inherited name
      [['frame', 's.0', 3, 'in', 'hi', undefined]], // an array per event: not a batch
      ['frame', 's.0', 3, 'sideways', 'hi', undefined], // splits, but the event is not valid
    ]) {
      expect(parseHookBatch(bad), JSON.stringify(bad)).toBeNull();
      expect(readyBatch(bad as unknown[])).toBe(bad[3] === 'sideways');
    }
  });

  it('cuts a creation stack to the protocol limit, however deep the page made it', () => {
    const deep =
      'Error\n' + Array.from({ length: 5_000 }, (_, i) => `    at f${i} (http://h/app.js:${i}:1)`).join('\n');
    const batch = ['created', 's.0', 1, 'ws://h/', [], 'http://h/', deep];
    expect(readyBatch(batch)).toBe(true);
    expect(isRelayEvent(batch)).toBe(true);
    expect((batch[6] as string).split('\n')).toHaveLength(30);
  });
});

describe('createInOrder', () => {
  it('delivers at once while nothing waits, and keeps order behind a value that must be waited for', async () => {
    const got: string[] = [];
    const errors: unknown[] = [];
    const deliver = createInOrder<string>(
      (v) => got.push(v),
      (e) => errors.push(e),
    );
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
