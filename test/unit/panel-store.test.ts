import { describe, expect, it } from 'vitest';
import { createMemoryChannelPair } from '../../src/core/channel';
import { applyToSockets, createPanelLink, createPanelStore, type SocketSummary } from '../../src/panel/panel-store';
import { PROTOCOL_VERSION, type BackgroundToPanel, type PanelToBackground, type SocketEvent } from '../../src/protocol';
import { EMPTY_FILTER } from '../../src/panel/frame-filter';

const created = (id: string, t: number): SocketEvent => ({
  type: 'created',
  socketId: id,
  time: t,
  url: `ws://x/${id}`,
  protocols: ['p'],
  frameUrl: 'https://page/',
});
const open = (id: string, t: number): SocketEvent => ({
  type: 'open',
  socketId: id,
  time: t,
  protocol: 'p',
  extensions: 'permessage-deflate',
});
const frame = (id: string, t: number, direction: 'in' | 'out'): SocketEvent => ({
  type: 'frame',
  socketId: id,
  time: t,
  direction,
  payload: { kind: 'text', text: 'x' },
});
const error = (id: string, t: number): SocketEvent => ({ type: 'error', socketId: id, time: t, message: 'boom' });
const close = (id: string, t: number): SocketEvent => ({
  type: 'close',
  socketId: id,
  time: t,
  code: 4001,
  reason: 'bye',
  wasClean: true,
});

describe('applyToSockets', () => {
  it('follows state transitions and counts frames per direction', () => {
    const sockets = new Map<string, SocketSummary>();
    const states: string[] = [];
    for (const e of [
      created('a', 1),
      open('a', 2),
      frame('a', 3, 'out'),
      frame('a', 4, 'in'),
      frame('a', 5, 'in'),
      error('a', 6),
      close('a', 7),
    ]) {
      applyToSockets(sockets, e);
      states.push(sockets.get('a')!.state);
    }
    expect(states).toEqual(['connecting', 'open', 'open', 'open', 'open', 'open', 'closed']);
    expect(sockets.get('a')).toEqual({
      socketId: 'a',
      url: 'ws://x/a',
      frameUrl: 'https://page/',
      state: 'closed',
      protocol: 'p',
      extensions: 'permessage-deflate',
      createdAt: 1,
      openedAt: 2,
      closedAt: 7,
      closeCode: 4001,
      closeReason: 'bye',
      framesIn: 2,
      framesOut: 1,
      bytesIn: 2,
      bytesOut: 1,
      errors: 1,
    });
  });

  it('creates an open summary for a socket first seen on a frame', () => {
    const sockets = new Map<string, SocketSummary>();
    applyToSockets(sockets, frame('b', 10, 'out'));
    expect(sockets.get('b')).toMatchObject({ state: 'open', url: '', createdAt: 10, framesIn: 0, framesOut: 1 });
  });
});

/** The panel store on one end; the test plays the background on the other. */
function setup(tabId: number) {
  const [panelEnd, background] = createMemoryChannelPair<PanelToBackground, BackgroundToPanel>();
  const received: PanelToBackground[] = [];
  // The background answers every request ok; the panel subscribes once its hello is answered.
  const subscribed = new Promise<void>((resolve) =>
    background.onMessage((m) => {
      received.push(m);
      background.post({ source: 'socket-scope-background', type: 'reply', id: m.id, ok: true });
      if (m.type === 'subscribe') resolve();
    }),
  );
  const store = createPanelStore(createPanelLink(panelEnd, tabId), tabId);
  const send = (message: Omit<Extract<BackgroundToPanel, { events: unknown }>, 'source'>) =>
    new Promise<void>((resolve) => {
      const off = store.subscribe(() => (off(), resolve()));
      background.post({ source: 'socket-scope-background', ...message } as BackgroundToPanel);
    });
  return { store, background, received, subscribed, send };
}

describe('panel store', () => {
  it('subscribes to its tab first', async () => {
    const { received, subscribed } = setup(7);
    await subscribed;
    expect(received).toEqual([
      { source: 'socket-scope-panel', id: 1, tabId: 7, type: 'hello', version: PROTOCOL_VERSION },
      { source: 'socket-scope-panel', id: 2, tabId: 7, type: 'subscribe' },
    ]);
  });

  it('fills from a snapshot, appends updates, and folds sockets', async () => {
    const { store, send } = setup(7);
    await send({
      type: 'capture-snapshot',
      tabId: 7,
      events: [created('a', 1), open('a', 2), frame('a', 3, 'out')],
      dropped: 0,
    });
    await send({
      type: 'capture-update',
      tabId: 7,
      events: [frame('a', 4, 'in'), created('b', 5), close('a', 6)],
      dropped: 3,
    });
    const state = store.getState();
    expect(state.events.map((e) => e.time)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.dropped).toBe(3);
    expect([...state.sockets.keys()]).toEqual(['a', 'b']);
    expect(state.sockets.get('a')).toMatchObject({ state: 'closed', framesIn: 1, framesOut: 1, closeCode: 4001 });
    expect(state.sockets.get('b')).toMatchObject({ state: 'connecting', framesIn: 0, framesOut: 0 });
  });

  it('a new snapshot replaces everything', async () => {
    const { store, send } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1), frame('a', 2, 'in')], dropped: 5 });
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('c', 9)], dropped: 0 });
    const state = store.getState();
    expect(state.events.map((e) => e.socketId)).toEqual(['c']);
    expect([...state.sockets.keys()]).toEqual(['c']);
    expect(state.dropped).toBe(0);
  });

  it('ignores messages for another tab', async () => {
    const { store, send, background } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1)], dropped: 0 });
    const revision = store.getState().revision;
    background.post({
      source: 'socket-scope-background',
      type: 'capture-update',
      tabId: 8,
      events: [created('z', 2)],
      dropped: 0,
    });
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 3, 'in')], dropped: 0 });
    const state = store.getState();
    expect(state.revision).toBe(revision + 1);
    expect(state.events.map((e) => e.socketId)).toEqual(['a', 'a']);
    expect(state.sockets.has('z')).toBe(false);
  });

  it('ignores messages meant for the act store', async () => {
    const { store, send, background } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1)], dropped: 0 });
    background.post({ source: 'socket-scope-background', type: 'rules', tabId: 7, rules: [] });
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 2, 'in')], dropped: 0 });
    expect(store.getState().events.map((e) => e.type)).toEqual(['created', 'frame']);
  });

  it('shows the save problem of its tab until saving works again or a new snapshot starts over', async () => {
    const { store, send, background } = setup(7);
    const full = { reason: 'quota', message: 'Browser storage is full' } as const;
    const status = (tabId: number, problem: typeof full | null) =>
      new Promise<void>((resolve) => {
        const off = store.subscribe(() => (off(), resolve()));
        background.post({ source: 'socket-scope-background', type: 'save-status', tabId, problem });
      });
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1)], dropped: 0 });
    expect(store.getState().saveProblem).toBeNull();
    await status(7, full);
    expect(store.getState().saveProblem).toEqual(full);
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 2, 'in')], dropped: 0 });
    expect(store.getState().saveProblem).toEqual(full);
    await status(7, null);
    expect(store.getState().saveProblem).toBeNull();

    await status(7, full);
    background.post({ source: 'socket-scope-background', type: 'save-status', tabId: 8, problem: null });
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 3, 'in')], dropped: 0 });
    expect(store.getState().saveProblem).toEqual(full); // another tab's status changed nothing
    await send({ type: 'capture-snapshot', tabId: 7, events: [], dropped: 0 });
    expect(store.getState().saveProblem).toBeNull();
  });

  it('selectSocket updates the selection', () => {
    const { store } = setup(7);
    store.selectSocket('a');
    expect(store.getState().selectedSocket).toBe('a');
    store.selectSocket(null);
    expect(store.getState().selectedSocket).toBeNull();
  });

  it('filters rows, counts matches per socket, and reports an invalid regex without throwing', async () => {
    const { store, send } = setup(7);
    const text = (id: string, t: number, body: string): SocketEvent => ({
      type: 'frame',
      socketId: id,
      time: t,
      direction: 'in',
      payload: { kind: 'text', text: body },
    });
    await send({
      type: 'capture-snapshot',
      tabId: 7,
      events: [
        created('a', 1),
        text('a', 2, 'price 10'),
        created('b', 3),
        text('b', 4, 'price 20'),
        text('b', 5, 'ping'),
      ],
      dropped: 0,
    });
    store.setFilter({ ...EMPTY_FILTER, text: 'PRICE' });
    let state = store.getState();
    expect(state.shown).toEqual([1, 3]);
    expect([...state.matchCounts]).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    store.selectSocket('b');
    expect(store.getState().shown).toEqual([3]);
    store.setFilter({ ...EMPTY_FILTER, text: 'price (', regex: true });
    state = store.getState();
    expect(state.filterError).toMatch(/^Invalid regular expression: /);
    expect(state.shown).toEqual([]);
    store.setFilter({ ...EMPTY_FILTER, text: 'price \\d0', regex: true });
    expect(store.getState().shown).toEqual([3]);
    // New events are filtered as they arrive.
    await send({
      type: 'capture-update',
      tabId: 7,
      events: [text('b', 6, 'price 30'), text('a', 7, 'price 40')],
      dropped: 0,
    });
    expect(store.getState().shown).toEqual([3, 5]);
    expect(store.getState().matchCounts.get('a')).toBe(2);
  });

  it('pause freezes the rows while capture goes on; resume shows what came meanwhile', async () => {
    const { store, send } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1), frame('a', 2, 'in')], dropped: 0 });
    store.setPaused(true);
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 3, 'in'), frame('a', 4, 'out')], dropped: 0 });
    expect(store.getState()).toMatchObject({ paused: true, pausedAt: 2, shown: [0, 1] });
    expect(store.getState().events).toHaveLength(4);
    store.setPaused(false);
    expect(store.getState().shown).toEqual([0, 1, 2, 3]);
  });

  it('clear asks the background, and its empty snapshot resets the view', async () => {
    const { store, send, received, subscribed } = setup(7);
    await subscribed;
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1), frame('a', 2, 'in')], dropped: 4 });
    store.selectEvent(1);
    store.clear();
    await new Promise((resolve) => setImmediate(resolve));
    expect(received.at(-1)).toEqual({ source: 'socket-scope-panel', id: 3, type: 'clear', tabId: 7 });
    await send({ type: 'capture-snapshot', tabId: 7, events: [], dropped: 0 });
    expect(store.getState()).toMatchObject({ events: [], shown: [], dropped: 0, selectedEvent: null });
    expect(store.getState().sockets.size).toBe(0);
  });

  it('shows an imported session instead of the live capture, and goes back to it', async () => {
    const { store, send } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1)], dropped: 0 });
    store.showImported('saved.har', [created('x', 1), frame('x', 2, 'out')]);
    expect(store.getState()).toMatchObject({ importedFrom: 'saved.har', shown: [0, 1] });
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 3, 'in')], dropped: 0 });
    expect([...store.getState().sockets.keys()]).toEqual(['x']);
    store.showLive();
    expect(store.getState()).toMatchObject({ importedFrom: null, shown: [0, 1] });
    expect([...store.getState().sockets.keys()]).toEqual(['a']);
  });
});
