import { describe, expect, it } from 'vitest';
import { createMemoryChannelPair } from '../../../src/core/channel';
import { EMPTY_FILTER } from '../../../src/inspector/model/filter';
import type { ConnectionLog } from '../../../src/popup/connection-log';
import { createPopupStore } from '../../../src/popup/popup-store';
import {
  PROTOCOL_VERSION,
  type BackgroundToPopup,
  type ConnectionSummary,
  type PopupToBackground,
  type SocketEvent,
} from '../../../src/protocol';

/** A request as the test compares it: without its id (ids are the requester's business). */
const withoutId = ({ id: _id, ...request }: PopupToBackground) => request;

const BG = { source: 'socket-scope-background' } as const;
const summary = (id: string, state: ConnectionSummary['state'] = 'open'): ConnectionSummary => ({
  id,
  url: 'ws://x/',
  state,
  protocol: '',
  extensions: '',
  openedAt: 1,
  closeCode: null,
  closeReason: '',
  dropped: 0,
  createdAt: 0,
  protocols: [],
  autoReconnect: false,
  reconnectAttempt: 0,
  reconnectAt: null,
  frameLimit: 100_000,
  repeat: null,
});
const times = (log: ConnectionLog | undefined) =>
  log?.inspector
    .getState()
    .events.all()
    .map((e) => e.time);
const frame = (socketId: string, n: number): SocketEvent => ({
  type: 'frame',
  socketId,
  time: n,
  direction: 'in',
  payload: { kind: 'text', text: String(n) },
});

/** The popup store on one end; the test plays the background on the other. */
function setup() {
  const [popupEnd, background] = createMemoryChannelPair<PopupToBackground, BackgroundToPopup>();
  const store = createPopupStore(popupEnd);
  const received: PopupToBackground[] = [];
  background.onMessage((m) => received.push(m));
  /** Sends from the background and resolves once the store has applied it. */
  const reply = (message: BackgroundToPopup) =>
    new Promise<void>((resolve) => {
      const off = store.subscribe(() => {
        off();
        resolve();
      });
      background.post(message);
    });
  /** Every message the popup posted so far, once in-flight ones have arrived. */
  const sent = async () => {
    const marker = new Promise<void>((resolve) => queueMicrotask(resolve));
    await marker;
    return received.map(withoutId);
  };
  return { store, background, reply, sent };
}

describe('popup store', () => {
  it('says hello first, and fills logs from snapshot then update', async () => {
    const { store, reply, sent } = setup();
    expect(await sent()).toEqual([{ source: 'socket-scope-popup', type: 'hello', version: PROTOCOL_VERSION }]);
    expect(store.getState().backgroundLost).toBe(false);

    await reply({
      ...BG,
      type: 'popup-snapshot',
      connections: [summary('c1')],
      events: [frame('c1', 1), frame('c1', 2)],
    });
    expect(store.getState()).toMatchObject({ backgroundLost: false, selectedId: 'c1', error: null });
    expect(times(store.getState().logs.get('c1'))).toEqual([1, 2]);

    await reply({
      ...BG,
      type: 'popup-update',
      connections: [summary('c1'), summary('c2', 'connecting')],
      events: [frame('c2', 3), frame('c1', 4)],
    });
    const state = store.getState();
    expect(state.selectedId).toBe('c2'); // the newly created connection
    expect(times(state.logs.get('c1'))).toEqual([1, 2, 4]);
    expect(times(state.logs.get('c2'))).toEqual([3]);

    // A fresh snapshot (e.g. after reconnecting) replaces the logs rather than appending.
    await reply({ ...BG, type: 'popup-snapshot', connections: [summary('c1')], events: [frame('c1', 9)] });
    expect([...store.getState().logs.keys()]).toEqual(['c1']);
    expect(times(store.getState().logs.get('c1'))).toEqual([9]);
  });

  it("shows a request's error reply and notices when the background goes away", async () => {
    const { store, reply, background } = setup();
    await reply({ ...BG, type: 'reply', id: 1, ok: false, error: 'No such connection' });
    expect(store.getState().error).toBe('No such connection');
    const disconnected = new Promise<void>((resolve) => store.subscribe(resolve));
    background.close();
    expect(store.getState().backgroundLost).toBe(false);
    await disconnected;
    expect(store.getState().backgroundLost).toBe(true);
  });

  it('posts connect with the normalised URL and parsed subprotocols, and shows the note', async () => {
    const { store, sent } = setup();
    store.connect(' https://example.com/feed ', 'v2.chat, v1.chat');
    expect(store.getState()).toMatchObject({
      error: null,
      notice: 'Using wss:// for https:// (WebSockets speak ws:// and wss://)',
    });
    expect((await sent()).slice(1)).toEqual([
      {
        source: 'socket-scope-popup',
        type: 'connect',
        url: 'wss://example.com/feed',
        protocols: ['v2.chat', 'v1.chat'],
      },
    ]);
  });

  it.each([
    ['ftp://x', '', 'Unsupported scheme "ftp:": use ws:// or wss://'],
    ['ws://x/', 'a b', '"a b" is not a valid subprotocol token'],
    ['ws://x/', 'chat,chat', 'Subprotocol "chat" is listed twice'],
  ])('connect(%j, %j) sets an error and posts nothing', async (url, protocols, error) => {
    const { store, sent } = setup();
    store.connect(url, protocols);
    expect(store.getState().error).toBe(error);
    expect((await sent()).map((m) => m.type)).toEqual(['hello']);
  });

  it('sends text and disconnects the selected connection; validates the close request', async () => {
    const { store, reply, sent } = setup();
    store.sendText('too early');
    expect(store.getState().error).toBe('Connect first');

    await reply({ ...BG, type: 'popup-snapshot', connections: [summary('c1', 'connecting')], events: [] });
    store.sendText('still early');
    expect(store.getState().error).toBe('Cannot send: the connection is connecting');

    await reply({ ...BG, type: 'popup-update', connections: [summary('c1')], events: [] });
    store.sendText('hi');
    expect(store.getState().error).toBeNull();
    store.disconnect(1001, '');
    expect(store.getState().error).toBe('Close code 1001 is not allowed: use 1000 or 3000–4999');
    store.disconnect(4000, 'é'.repeat(62));
    expect(store.getState().error).toBe('The close reason must be at most 123 UTF-8 bytes');
    store.disconnect(4000, 'bye');
    expect((await sent()).slice(1)).toEqual([
      { source: 'socket-scope-popup', type: 'send', connectionId: 'c1', payload: { kind: 'text', text: 'hi' } },
      { source: 'socket-scope-popup', type: 'disconnect', connectionId: 'c1', code: 4000, reason: 'bye' },
    ]);
  });
});

describe('popup store: workbench', () => {
  it('resyncs with hello after the channel reconnects', async () => {
    const [popupEnd, background] = createMemoryChannelPair<PopupToBackground, BackgroundToPopup>();
    let reconnect = () => {};
    const channel = Object.assign(popupEnd, { onReconnect: (l: () => void) => ((reconnect = l), () => {}) });
    const received: PopupToBackground[] = [];
    background.onMessage((m) => received.push(m));
    createPopupStore(channel);
    reconnect();
    await new Promise<void>((r) => queueMicrotask(r));
    expect(received.map((m) => m.type)).toEqual(['hello', 'hello']);
  });

  it('asks for host access before connecting with headers, and says so when it is refused', async () => {
    const asked: string[] = [];
    const [popupEnd, background] = createMemoryChannelPair<PopupToBackground, BackgroundToPopup>();
    const received: PopupToBackground[] = [];
    background.onMessage((m) => received.push(m));
    const store = createPopupStore(popupEnd, { requestHostPermission: async (p) => (asked.push(p), true) });
    store.connect('ws://127.0.0.1:9/headers', '', false, 'Authorization: Bearer t');
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['http://127.0.0.1/*']);
    expect(withoutId(received.at(-1)!)).toEqual({
      source: 'socket-scope-popup',
      type: 'connect',
      url: 'ws://127.0.0.1:9/headers',
      protocols: [],
      headers: [{ name: 'Authorization', value: 'Bearer t' }],
    });

    const denied = createPopupStore(createMemoryChannelPair<PopupToBackground, BackgroundToPopup>()[0], {
      requestHostPermission: async () => false,
    });
    denied.connect('wss://x.example/', '', false, 'A: 1');
    await new Promise((r) => setTimeout(r, 0));
    expect(denied.getState().error).toBe(
      'Handshake headers need access to https://x.example/*; permission was not granted',
    );
  });

  it('filters the selected log incrementally and reports a bad regex', async () => {
    const { store, reply } = setup();
    await reply({
      ...BG,
      type: 'popup-snapshot',
      connections: [summary('c1')],
      events: [frame('c1', 1), frame('c1', 22), frame('c1', 3)],
    });
    store.setFilter({ ...EMPTY_FILTER, text: '2' });
    const inspector = () => store.selectedLog()!.inspector;
    const view = () => {
      const { rows, events } = inspector().getState();
      return Array.from({ length: rows.count }, (_, i) => events.at(rows.at(i)).time);
    };
    expect(view()).toEqual([22]);
    const rendered = new Promise<void>((resolve) => {
      const off = inspector().subscribe(() => (off(), resolve()));
    });
    await reply({
      ...BG,
      type: 'popup-update',
      connections: [summary('c1')],
      events: [frame('c1', 42), frame('c1', 5)],
    });
    await rendered;
    expect(view()).toEqual([22, 42]);
    store.setFilter({ ...EMPTY_FILTER, text: '(', regex: true });
    expect(inspector().getState().filterError).toMatch(/^Invalid regular expression: /);
    expect(inspector().getState().sockets.get('c1')).toMatchObject({ framesIn: 5, bytesIn: 7 });
  });
});
