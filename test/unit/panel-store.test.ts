import { describe, expect, it } from 'vitest';
import { createMemoryChannelPair } from '../../src/core/channel';
import { applyToSockets, createPanelStore, type SocketSummary } from '../../src/panel/panel-store';
import type { BackgroundToPanel, PanelToBackground, SocketEvent } from '../../src/protocol';

const created = (id: string, t: number): SocketEvent => ({ type: 'created', socketId: id, time: t, url: `ws://x/${id}`, protocols: ['p'], frameUrl: 'https://page/' });
const open = (id: string, t: number): SocketEvent => ({ type: 'open', socketId: id, time: t, protocol: 'p', extensions: 'permessage-deflate' });
const frame = (id: string, t: number, direction: 'in' | 'out'): SocketEvent => ({ type: 'frame', socketId: id, time: t, direction, payload: { kind: 'text', text: 'x' } });
const error = (id: string, t: number): SocketEvent => ({ type: 'error', socketId: id, time: t, message: 'boom' });
const close = (id: string, t: number): SocketEvent => ({ type: 'close', socketId: id, time: t, code: 4001, reason: 'bye', wasClean: true });

describe('applyToSockets', () => {
  it('follows state transitions and counts frames per direction', () => {
    const sockets = new Map<string, SocketSummary>();
    const states: string[] = [];
    for (const e of [created('a', 1), open('a', 2), frame('a', 3, 'out'), frame('a', 4, 'in'), frame('a', 5, 'in'), error('a', 6), close('a', 7)]) {
      applyToSockets(sockets, e);
      states.push(sockets.get('a')!.state);
    }
    expect(states).toEqual(['connecting', 'open', 'open', 'open', 'open', 'open', 'closed']);
    expect(sockets.get('a')).toEqual({
      socketId: 'a', url: 'ws://x/a', frameUrl: 'https://page/', state: 'closed', protocol: 'p', createdAt: 1,
      closeCode: 4001, closeReason: 'bye', framesIn: 2, framesOut: 1,
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
  const subscribed = new Promise<void>((resolve) => background.onMessage((m) => (received.push(m), resolve())));
  const store = createPanelStore(panelEnd, tabId);
  const send = (message: Omit<BackgroundToPanel, 'source'>) =>
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
    expect(received).toEqual([{ source: 'socket-scope-panel', type: 'subscribe', tabId: 7 }]);
  });

  it('fills from a snapshot, appends updates, and folds sockets', async () => {
    const { store, send } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1), open('a', 2), frame('a', 3, 'out')], dropped: 0 });
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 4, 'in'), created('b', 5), close('a', 6)], dropped: 3 });
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
    background.post({ source: 'socket-scope-background', type: 'capture-update', tabId: 8, events: [created('z', 2)], dropped: 0 });
    await send({ type: 'capture-update', tabId: 7, events: [frame('a', 3, 'in')], dropped: 0 });
    const state = store.getState();
    expect(state.revision).toBe(revision + 1);
    expect(state.events.map((e) => e.socketId)).toEqual(['a', 'a']);
    expect(state.sockets.has('z')).toBe(false);
  });

  it('selectSocket updates the selection', () => {
    const { store } = setup(7);
    store.selectSocket('a');
    expect(store.getState().selectedSocket).toBe('a');
    store.selectSocket(null);
    expect(store.getState().selectedSocket).toBeNull();
  });
});
