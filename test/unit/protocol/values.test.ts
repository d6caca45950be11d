import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  MAX_SAVE_PROBLEM_LENGTH,
  isBackgroundToPanel,
  isBackgroundToOffscreen,
  isOffscreenToBackground,
  isBackgroundToPopup,
  isPanelToBackground,
  isPopupToBackground,
  readRelayMessage,
  PROTOCOL_VERSION,
  isSocketEvent,
  isWirePayload,
  type ConnectionSummary,
  type RelayEvent,
  type SocketEvent,
} from '../../../src/protocol';

const created: SocketEvent = {
  type: 'created',
  socketId: 's1',
  time: 1.5,
  url: 'ws://x/',
  protocols: ['a'],
  frameUrl: 'https://p/',
};
const open: SocketEvent = { type: 'open', socketId: 's1', time: 2, protocol: 'a', extensions: '' };
const frame: SocketEvent = {
  type: 'frame',
  socketId: 's1',
  time: 3,
  direction: 'in',
  payload: { kind: 'binary', base64: 'AAEC' },
};
const error: SocketEvent = { type: 'error', socketId: 's1', time: 4, message: 'boom' };
const close: SocketEvent = { type: 'close', socketId: 's1', time: 5, code: 1000, reason: '', wasClean: true };
const allEvents = [created, open, frame, error, close];
const summary: ConnectionSummary = {
  id: 'c1',
  url: 'ws://x/',
  state: 'open',
  protocol: '',
  extensions: '',
  openedAt: 1,
  closeCode: null,
  closeReason: '',
  dropped: 0,
  createdAt: 0.5,
  protocols: [],
  autoReconnect: false,
  reconnectAttempt: 0,
  reconnectAt: null,
  frameLimit: 100_000,
  repeat: null,
};

const without = (o: object, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const label = (x: unknown) => String(JSON.stringify(x)).slice(0, 80);
const nonObjects: unknown[] = [null, undefined, 0, 'x', true, [], [created]];

describe('isWirePayload', () => {
  it('accepts text and padded base64', () => {
    for (const p of [
      { kind: 'text', text: '' },
      { kind: 'text', text: 'hi' },
      { kind: 'binary', base64: '' },
      { kind: 'binary', base64: 'AA==' },
      { kind: 'binary', base64: 'AAA=' },
      { kind: 'binary', base64: '+/+/' },
    ]) {
      expect(isWirePayload(p), label(p)).toBe(true);
    }
  });
  it('rejects wrong kinds, wrong types and invalid base64', () => {
    const bad: unknown[] = [
      ...nonObjects,
      { kind: 'blob', text: 'x' },
      { kind: 'text' },
      { kind: 'text', text: 1 },
      { kind: 'binary', text: 'AA==' },
      { kind: 'binary', base64: 'A?==' },
      { kind: 'binary', base64: 'A===' },
      { kind: 'binary', base64: 'AA=A' },
      { kind: 'binary', base64: 'AAA' },
      { kind: 'binary', base64: 'A' },
      { kind: 'binary', base64: 'AA AA' },
      { kind: 'binary', base64: 'AA-_' },
    ];
    for (const p of bad) expect(isWirePayload(p), label(p)).toBe(false);
  });
});

describe('isSocketEvent', () => {
  it('accepts each event type', () => {
    for (const e of allEvents) expect(isSocketEvent(e), e.type).toBe(true);
  });
  it('rejects any missing field', () => {
    for (const e of allEvents) {
      for (const key of Object.keys(e)) expect(isSocketEvent(without(e, key)), `${e.type} without ${key}`).toBe(false);
    }
  });
  it('rejects wrong types and values', () => {
    const bad: unknown[] = [
      ...nonObjects,
      { ...created, type: 'opened' },
      { ...created, socketId: 1 },
      { ...created, socketId: 'x'.repeat(129) },
      { ...created, time: NaN },
      { ...created, time: Infinity },
      { ...created, time: '1' },
      { ...created, protocols: [1] },
      { ...created, protocols: 'a' },
      { ...created, url: 'ws://x/' + 'a'.repeat(LIMITS.maxUrlLength) },
      { ...frame, direction: 'both' },
      { ...frame, payload: { kind: 'binary', base64: '!!!!' } },
      { ...close, code: '1000' },
      { ...close, wasClean: 1 },
      { ...close, reason: 'r'.repeat(LIMITS.maxReasonLength + 1) },
      { ...open, protocol: null },
      { ...error, message: {} },
    ];
    for (const e of bad) expect(isSocketEvent(e), label(e)).toBe(false);
  });
  it('accepts a url of exactly the maximum length', () => {
    const url = 'ws://x/'.padEnd(LIMITS.maxUrlLength, 'a');
    expect(isSocketEvent({ ...created, url })).toBe(true);
  });
});

describe('readRelayMessage', () => {
  const isRelayToBackground = (m: unknown) => readRelayMessage(m) !== null;
  const bytes = new Uint8Array([0, 1, 255]).buffer;
  const tuples: RelayEvent[] = [
    ['created', 's1', 1.5, 'ws://x/', ['a'], 'https://p/', '    at f (https://p/app.js:1:1)'],
    ['open', 's1', 2, 'a', ''],
    ['frame', 's1', 3, 'in', bytes, undefined],
    ['frame', 's1', 3.5, 'out', 'hi', undefined],
    ['frame', 's1', 3.6, 'in', 'new', { kind: 'replaced', ruleId: 'r', original: bytes }],
    ['frame', 's1', 3.7, 'out', 'x', { kind: 'blocked', ruleId: 'r' }],
    ['error', 's1', 4, false],
    ['close', 's1', 5, 1000, '', true],
  ];
  const flat = (events: readonly (readonly unknown[])[]) => events.flat(1);
  const valid = { source: 'socket-scope-relay', type: 'capture', seq: 0, batch: flat(tuples) };
  const frameTuple = tuples[2]!;
  it('accepts a flat batch of hook events with raw binary, including empty and maximal ones', () => {
    expect(isRelayToBackground(valid)).toBe(true);
    expect(isRelayToBackground({ ...valid, batch: [] })).toBe(true);
    expect(isRelayToBackground({ ...valid, batch: flat(Array(LIMITS.maxEventsPerMessage).fill(frameTuple)) })).toBe(
      true,
    );
    expect(isRelayToBackground({ ...valid, seq: Number.MAX_SAFE_INTEGER })).toBe(true);
    expect(readRelayMessage(valid)).toEqual({ seq: 0, events: tuples });
  });
  it('rejects wrong source/type, bad tuples, too many events and non-objects', () => {
    const longStack = 'x'.repeat(LIMITS.maxStackLength + 1);
    for (const m of [
      ...nonObjects,
      [valid],
      { ...valid, source: 'socket-scope-popup' },
      { ...valid, type: 'hello' },
      without(valid, 'batch'),
      without(valid, 'seq'),
      { ...valid, seq: -1 },
      { ...valid, seq: 1.5 },
      { ...valid, seq: '1' },
      { ...valid, seq: 2 ** 53 },
      { ...valid, batch: {} },
      { ...valid, batch: [frame] },
      { ...valid, batch: tuples },
      { ...valid, batch: flat(tuples).slice(0, -1) },
      { ...valid, batch: ['frame', 's1', 3, 'in', null, undefined] },
      { ...valid, batch: ['frame', 's1', 3, 'in', new Uint8Array(2), undefined] },
      { ...valid, batch: ['frame', 's1', 3, 'up', 'x', undefined] },
      { ...valid, batch: ['frame', 's1', 3, 'in', 'x', { kind: 'replaced', ruleId: 'r', original: {} }] },
      { ...valid, batch: ['frame', 's1', 3, 'in', 'x', { kind: 'teleported' }] },
      { ...valid, batch: ['frame', 's'.repeat(129), 3, 'in', 'x', undefined] },
      { ...valid, batch: ['frame', 's1', NaN, 'in', 'x', undefined] },
      { ...valid, batch: ['created', 's1', 1, 'ws://x/', ['a'], 'https://p/', longStack] },
      { ...valid, batch: ['created', 's1', 1, 'ws://x/', 'a', 'https://p/', ''] },
      { ...valid, batch: ['close', 's1', 5, 1000, 'r'.repeat(LIMITS.maxReasonLength + 1), true] },
      { ...valid, batch: ['error', 's1', 4] },
      { ...valid, batch: ['opened', 's1', 2, 'a', ''] },
      { ...valid, batch: flat(Array(LIMITS.maxEventsPerMessage + 1).fill(frameTuple)) },
      { ...valid, batch: Array(LIMITS.maxEventsPerMessage * 7 + 1).fill('x') }, // too long to be walked
    ]) {
      expect(isRelayToBackground(m), label(m)).toBe(false);
    }
  });
});

describe('isPopupToBackground', () => {
  const src = { source: 'socket-scope-popup', id: 1 } as const;
  const plan = { mode: 'json', message: '{"n":{{counter}}}', variables: 'a=1', intervalMs: 1000, times: 10 };
  const valid = [
    { ...src, type: 'hello', version: PROTOCOL_VERSION },
    { ...src, type: 'connect', url: 'ws://x/', protocols: ['a', 'b'] },
    { ...src, type: 'send', connectionId: 'c1', payload: { kind: 'text', text: 'hi' } },
    { ...src, type: 'disconnect', connectionId: 'c1', code: 1000, reason: '' },
    { ...src, type: 'clear-log', connectionId: 'c1' },
    { ...src, type: 'remove', connectionId: 'c1' },
    { ...src, type: 'set-log-limit', connectionId: 'c1', maxFrames: 500 },
    {
      ...src,
      type: 'start-repeat',
      connectionId: 'c1',
      plan: { mode: 'json', message: '{"n":{{counter}}}', variables: 'a=1', intervalMs: 1000, times: 10 },
    },
    { ...src, type: 'stop-repeat', connectionId: 'c1' },
  ];
  it('accepts each message', () => {
    for (const m of valid) expect(isPopupToBackground(m), m.type).toBe(true);
    expect(isPopupToBackground({ ...valid[1], autoReconnect: true })).toBe(true);
    expect(isPopupToBackground({ ...valid[1], headers: [{ name: 'Authorization', value: 'Bearer x' }] })).toBe(true);
    expect(isPopupToBackground({ ...valid[7], plan: { ...plan, variables: null, times: null } })).toBe(true);
  });
  it('rejects missing fields, wrong types, wrong source and oversized urls', () => {
    for (const m of valid) {
      for (const key of Object.keys(m))
        expect(isPopupToBackground(without(m, key)), `${m.type} without ${key}`).toBe(false);
    }
    for (const m of [
      ...nonObjects,
      { ...valid[0], source: 'socket-scope-panel' },
      { ...valid[0], version: '2' },
      { ...valid[2], id: -1 },
      { ...valid[2], id: 1.5 },
      { ...src, type: 'nope' },
      { ...valid[1], protocols: [1] },
      { ...valid[1], url: 'ws://x/' + 'a'.repeat(LIMITS.maxUrlLength) },
      { ...valid[2], payload: { kind: 'binary', base64: '***' } },
      { ...valid[2], connectionId: 7 },
      { ...valid[3], code: '1000' },
      { ...valid[3], code: NaN },
      { ...valid[3], reason: null },
      { ...valid[1], autoReconnect: 'yes' },
      { ...valid[4], connectionId: 1 },
      { ...valid[1], headers: [{ name: 'Bad Name', value: 'x' }] },
      { ...valid[1], headers: [{ name: 'X', value: 1 }] },
      { ...valid[1], headers: {} },
      { ...valid[6], maxFrames: 0 },
      { ...valid[6], maxFrames: 1.5 },
      { ...valid[6], maxFrames: 2_000_000 },
      ...Object.keys(plan).map((key) => ({ ...valid[7], plan: without(plan, key) })),
      { ...valid[7], plan: { ...plan, mode: 'xml' } },
      { ...valid[7], plan: { ...plan, intervalMs: 9 } },
      { ...valid[7], plan: { ...plan, intervalMs: 10.5 } },
      { ...valid[7], plan: { ...plan, intervalMs: 86_400_001 } },
      { ...valid[7], plan: { ...plan, times: 0 } },
      { ...valid[7], plan: { ...plan, times: 1_000_001 } },
      { ...valid[7], plan: { ...plan, message: 'x'.repeat(LIMITS.maxMessageBytes + 1) } },
      { ...valid[7], plan: [] },
    ]) {
      expect(isPopupToBackground(m), label(m)).toBe(false);
    }
  });
});

describe('isPanelToBackground', () => {
  const src = { source: 'socket-scope-panel', id: 3, tabId: 7 } as const;
  const valid = [
    { ...src, type: 'hello', version: PROTOCOL_VERSION },
    { ...src, type: 'subscribe' },
    { ...src, type: 'clear' },
    { ...src, type: 'page-command', command: { type: 'simulate-error', socketId: 's1' } },
  ];
  it('accepts each request, with an id and an integer tab id', () => {
    for (const m of valid) expect(isPanelToBackground(m), m.type).toBe(true);
  });
  it('rejects missing fields, wrong ids, tab ids and sources', () => {
    for (const m of valid) {
      for (const key of Object.keys(m))
        expect(isPanelToBackground(without(m, key)), `${m.type} without ${key}`).toBe(false);
    }
    for (const m of [
      ...nonObjects,
      { ...valid[1], tabId: '7' },
      { ...valid[1], tabId: 7.5 },
      { ...valid[1], id: '1' },
      { ...valid[1], source: 'socket-scope-popup' },
      { ...valid[0], version: null },
      { ...valid[3], command: { type: 'simulate-close', socketId: 's1', code: 999, reason: '' } },
      { ...src, type: 'unsubscribe' },
    ]) {
      expect(isPanelToBackground(m), label(m)).toBe(false);
    }
  });
});

describe('replies', () => {
  const src = { source: 'socket-scope-background', type: 'reply', id: 4 } as const;
  it('are accepted by both UIs: ok, or an error with its text', () => {
    for (const m of [
      { ...src, ok: true },
      { ...src, ok: false, error: 'No such connection' },
      { ...src, ok: false, error: 'Reload', versionMismatch: true },
    ]) {
      expect(isBackgroundToPopup(m), label(m)).toBe(true);
      expect(isBackgroundToPanel(m), label(m)).toBe(true);
    }
  });
  it('are refused without an id, or with an error that is not text', () => {
    for (const m of [
      { ...src, ok: 'yes' },
      { ...src, ok: false },
      { ...src, ok: false, error: 1 },
      { ...src, ok: false, error: 'x'.repeat(3_000) },
      { ...src, id: -1, ok: true },
      { ...src, ok: false, error: 'x', versionMismatch: 'yes' },
    ]) {
      expect(isBackgroundToPopup(m), label(m)).toBe(false);
      expect(isBackgroundToPanel(m), label(m)).toBe(false);
    }
  });
});

describe('isBackgroundToPopup', () => {
  const src = { source: 'socket-scope-background' } as const;
  const snapshot = { ...src, type: 'popup-snapshot', connections: [summary], events: allEvents };
  it('accepts snapshot and update', () => {
    expect(isBackgroundToPopup(snapshot)).toBe(true);
    expect(isBackgroundToPopup({ ...snapshot, type: 'popup-update', connections: [], events: [] })).toBe(true);
    const repeating = { ...summary, repeat: { intervalMs: 1000, times: null, sent: 3 } };
    expect(isBackgroundToPopup({ ...snapshot, connections: [repeating] })).toBe(true);
  });
  it('rejects malformed connections, events and messages', () => {
    for (const key of Object.keys(summary)) {
      expect(isBackgroundToPopup({ ...snapshot, connections: [without(summary, key)] }), `summary without ${key}`).toBe(
        false,
      );
    }
    for (const m of [
      ...nonObjects,
      { ...snapshot, source: 'socket-scope-relay' },
      { ...snapshot, type: 'capture-snapshot' },
      without(snapshot, 'connections'),
      without(snapshot, 'events'),
      { ...snapshot, connections: [{ ...summary, state: 'gone' }] },
      { ...snapshot, connections: [{ ...summary, dropped: '0' }] },
      { ...snapshot, connections: [{ ...summary, openedAt: 'now' }] },
      { ...snapshot, connections: [{ ...summary, repeat: { intervalMs: 1000, times: null } }] },
      { ...snapshot, events: [{ ...frame, direction: 'up' }] },
      { ...snapshot, events: Array(LIMITS.maxEventsPerMessage + 1).fill(open) },
      { ...src, type: 'popup-error', message: 'no' },
    ]) {
      expect(isBackgroundToPopup(m), label(m)).toBe(false);
    }
  });
});

describe('isBackgroundToPanel', () => {
  const valid = {
    source: 'socket-scope-background',
    type: 'capture-snapshot',
    tabId: 7,
    events: allEvents,
    dropped: 0,
  };
  it('accepts snapshot and update', () => {
    expect(isBackgroundToPanel(valid)).toBe(true);
    expect(isBackgroundToPanel({ ...valid, type: 'capture-update', dropped: 12 })).toBe(true);
  });
  it('rejects missing fields, wrong types and too many events', () => {
    for (const key of Object.keys(valid))
      expect(isBackgroundToPanel(without(valid, key)), `without ${key}`).toBe(false);
    for (const m of [
      ...nonObjects,
      { ...valid, source: 'socket-scope-panel' },
      { ...valid, type: 'popup-update' },
      { ...valid, tabId: 1.5 },
      { ...valid, dropped: '0' },
      { ...valid, events: [{}] },
      { ...valid, events: Array(LIMITS.maxEventsPerMessage + 1).fill(close) },
    ]) {
      expect(isBackgroundToPanel(m)).toBe(false);
    }
  });

  const saveStatus = {
    source: 'socket-scope-background',
    type: 'save-status',
    tabId: 7,
    problem: { reason: 'quota', message: 'Browser storage is full' },
  };
  it('accepts a save status with a problem or with none', () => {
    expect(isBackgroundToPanel(saveStatus)).toBe(true);
    expect(isBackgroundToPanel({ ...saveStatus, problem: { reason: 'error', message: '' } })).toBe(true);
    expect(isBackgroundToPanel({ ...saveStatus, problem: null })).toBe(true);
    expect(
      isBackgroundToPanel({
        ...saveStatus,
        problem: { reason: 'quota', message: 'x'.repeat(MAX_SAVE_PROBLEM_LENGTH) },
      }),
    ).toBe(true);
  });
  it('rejects a save status with a missing or malformed problem', () => {
    for (const key of Object.keys(saveStatus))
      expect(isBackgroundToPanel(without(saveStatus, key)), `without ${key}`).toBe(false);
    for (const m of [
      { ...saveStatus, tabId: '7' },
      { ...saveStatus, problem: 'full' },
      { ...saveStatus, problem: {} },
      { ...saveStatus, problem: { reason: 'disk', message: 'x' } },
      { ...saveStatus, problem: { reason: 'quota' } },
      { ...saveStatus, problem: { reason: 'quota', message: 1 } },
      { ...saveStatus, problem: { reason: 'quota', message: 'x'.repeat(MAX_SAVE_PROBLEM_LENGTH + 1) } },
      { ...saveStatus, source: 'socket-scope-panel' },
    ]) {
      expect(isBackgroundToPanel(m), label(m)).toBe(false);
    }
  });
});

describe('offscreen document messages', () => {
  const bg = { source: 'socket-scope-background' } as const;
  const commands = [
    { ...bg, type: 'socket-open', socketId: 'o1', url: 'ws://x/', protocols: ['a'] },
    { ...bg, type: 'socket-send', socketId: 'o1', payload: { kind: 'binary', base64: 'AQID' } },
    { ...bg, type: 'socket-close', socketId: 'o1', code: 4000, reason: 'bye' },
    { ...bg, type: 'socket-close', socketId: 'o1' },
  ];
  const off = { source: 'socket-scope-offscreen', type: 'socket-event', socketId: 'o1' } as const;
  const events = [
    { ...off, event: { kind: 'open', protocol: 'p', extensions: '' } },
    { ...off, event: { kind: 'message', payload: { kind: 'text', text: 'hi' } } },
    { ...off, event: { kind: 'error' } },
    { ...off, event: { kind: 'close', code: 1006, reason: '', wasClean: false } },
  ];
  it('accepts each command and event', () => {
    for (const c of commands) expect(isBackgroundToOffscreen(c), c.type).toBe(true);
    for (const e of events) expect(isOffscreenToBackground(e), e.event.kind).toBe(true);
  });
  it('rejects malformed ones', () => {
    for (const m of [
      ...nonObjects,
      without(commands[0]!, 'socketId'),
      { ...commands[0], protocols: 'a' },
      { ...commands[0], url: 'ws://' + 'a'.repeat(LIMITS.maxUrlLength) },
      { ...commands[1], payload: { kind: 'binary', base64: '*' } },
      { ...commands[2], code: '4000' },
      { ...commands[0], source: 'socket-scope-offscreen' },
      { ...bg, type: 'nope', socketId: 'o1' },
    ]) {
      expect(isBackgroundToOffscreen(m), label(m)).toBe(false);
    }
    for (const m of [
      ...nonObjects,
      { ...off, event: { kind: 'open' } },
      { ...off, event: { kind: 'close', code: 1000, reason: 'x'.repeat(LIMITS.maxReasonLength + 1), wasClean: true } },
      { ...off, event: { kind: 'message', payload: null } },
      { ...off, socketId: 1, event: { kind: 'error' } },
      { ...off, source: 'socket-scope-background', event: { kind: 'error' } },
      { ...off, event: { kind: 'boom' } },
    ]) {
      expect(isOffscreenToBackground(m), label(m)).toBe(false);
    }
  });
});
