import { describe, expect, it } from 'vitest';
import { createMemoryChannelPair } from '../../../src/core/channel';
import { chunkEvents } from '../../../src/core/event-chunks';
import { createPopupHub } from '../../../src/background/popup-hub';
import type { ConnectionManager } from '../../../src/background/connection-manager';
import {
  LIMITS,
  PROTOCOL_VERSION,
  chunkHookBatch,
  isBackgroundToPopup,
  type HookChunk,
  type BackgroundToPopup,
  type HookBatch,
  type PopupToBackground,
  type SocketEvent,
} from '../../../src/protocol';

const text = (n: number, chars = 1): SocketEvent => ({
  type: 'frame',
  socketId: 'c1',
  time: n,
  direction: 'in',
  payload: { kind: 'text', text: 'x'.repeat(chars) },
});

describe('chunkEvents', () => {
  it('keeps every event, in order, within the event and character limits', () => {
    const events = Array.from({ length: 25_000 }, (_, i) => text(i));
    const chunks = chunkEvents(events);
    expect(chunks.map((c) => c.length)).toEqual([10_000, 10_000, 5_000]);
    expect(chunks.flat()).toEqual(events);
    const big = [text(1, 5 << 20), text(2, 5 << 20), text(3, 1), text(4, 20 << 20)];
    expect(chunkEvents(big).map((c) => c.map((e) => e.time))).toEqual([[1], [2, 3], [4]]);
    expect(chunkEvents([])).toEqual([]);
    expect(chunkEvents(events.slice(0, 12), 5).map((c) => c.length)).toEqual([5, 5, 2]);
    expect(LIMITS.maxEventsPerMessage).toBe(10_000);
  });
});

describe('chunkHookBatch', () => {
  const bytes = (t: number, n: number) => ['frame', 's', t, 'in', new ArrayBuffer(n), undefined];
  const blob = (t: number, n: number) => ['frame', 's', t, 'in', new Blob([new Uint8Array(n)]), undefined];
  const times = (chunks: HookChunk[]) => chunks.map((c) => c.batch.filter((_, i) => i % 6 === 2));
  it('counts the bytes an ArrayBuffer adds to a message, and nothing for a Blob (a handle)', () => {
    expect(times(chunkHookBatch([...bytes(1, 6), ...bytes(2, 6), ...bytes(3, 3)], 100, 10))).toEqual([[1], [2, 3]]);
    expect(times(chunkHookBatch([...blob(1, 6), ...blob(2, 6), ...bytes(3, 3)], 100, 10))).toEqual([[1, 2, 3]]);
    expect(times(chunkHookBatch([...blob(1, 1), ...blob(2, 1), ...blob(3, 1)], 2, 10))).toEqual([[1, 2], [3]]);
  });
  it('cuts between events of every length, and hands a batch that fits on as it is', () => {
    const batch = ['open', 's', 1, '', '', ...bytes(2, 1), 'error', 's', 3, false, ...bytes(4, 1)];
    expect(chunkHookBatch(batch, 2, 100).map((c) => c.batch)).toEqual([
      ['open', 's', 1, '', '', ...bytes(2, 1)],
      ['error', 's', 3, false, ...bytes(4, 1)],
    ]);
    expect(chunkHookBatch(batch)[0]!.batch).toBe(batch);
  });
  it('says what each chunk holds: text, ArrayBuffers and Blobs alike, nothing for other events', () => {
    const batch: HookBatch = [
      'created',
      's',
      1,
      'ws://x/',
      [],
      'http://p/',
      'stack that does not count',
      'frame',
      's',
      2,
      'out',
      'abc',
      undefined,
      'frame',
      's',
      3,
      'in',
      new ArrayBuffer(10),
      undefined,
      'frame',
      's',
      4,
      'in',
      new Blob([new Uint8Array(100)]),
      undefined,
      'close',
      's',
      5,
      1000,
      'reason',
      true,
    ];
    expect(chunkHookBatch(batch).map((c) => c.held)).toEqual([113]);
    expect(chunkHookBatch(batch, 2).map((c) => c.held)).toEqual([3, 110, 0]);
    expect(chunkHookBatch([]).map((c) => c.held)).toEqual([0]);
  });
});

describe('popup snapshot', () => {
  it('reaches a popup whole when the logs hold more events than one message may carry', async () => {
    const events = Array.from({ length: 23_456 }, (_, i) => text(i));
    const manager = {
      summaries: () => [],
      events: () => events,
      onChange: () => () => {},
    } as unknown as ConnectionManager;
    const hub = createPopupHub(manager);
    const [background, popup] = createMemoryChannelPair<BackgroundToPopup, PopupToBackground>();
    const received: unknown[] = [];
    popup.onMessage((m) => received.push(m));
    hub.addPopup(background);
    popup.post({ source: 'socket-scope-popup', type: 'hello', id: 1, version: PROTOCOL_VERSION });
    await new Promise((r) => setTimeout(r, 0));
    expect(received.every(isBackgroundToPopup)).toBe(true);
    const messages = received as BackgroundToPopup[];
    expect(messages.map((m) => m.type)).toEqual([
      'popup-snapshot',
      'popup-update',
      'popup-update',
      'popup-update',
      'popup-update',
      'reply',
    ]);
    expect(messages.flatMap((m) => (m.type === 'reply' ? [] : m.events))).toEqual(events);
  });
});
