import { describe, expect, it } from 'vitest';
import { createMemoryChannelPair } from '../../../src/core/channel';
import { EMPTY_FILTER } from '../../../src/inspector/model/filter';
import type { InspectorStore } from '../../../src/inspector/model/inspector-store';
import { createPanelLink, createPanelStore } from '../../../src/panel/panel-store';
import { PROTOCOL_VERSION, type BackgroundToPanel, type PanelToBackground } from '../../../src/protocol';
import { created, text } from '../fixtures/events';

type CaptureMessage = Extract<BackgroundToPanel, { events: unknown }>;

/** The panel store on one end; the test plays the background, which answers every request ok. */
function setup(tabId: number) {
  const [panelEnd, background] = createMemoryChannelPair<PanelToBackground, BackgroundToPanel>();
  const received: PanelToBackground[] = [];
  const subscribed = new Promise<void>((resolve) =>
    background.onMessage((m) => {
      received.push(m);
      background.post({ source: 'socket-scope-background', type: 'reply', id: m.id, ok: true });
      if (m.type === 'subscribe') resolve();
    }),
  );
  const store = createPanelStore(createPanelLink(panelEnd, tabId), tabId);
  /** Resolves once `inspector` has shown what the message brought. */
  const changed = (inspector: InspectorStore) =>
    new Promise<void>((resolve) => {
      const off = inspector.subscribe(() => (off(), resolve()));
    });
  const send = async (message: Omit<CaptureMessage, 'source'>) => {
    const shown = changed(store.live);
    background.post({ source: 'socket-scope-background', ...message });
    await shown;
  };
  return { store, background, received, subscribed, send, changed };
}

const times = (inspector: InspectorStore) => {
  const { rows, events } = inspector.getState();
  return Array.from({ length: rows.count }, (_, r) => events.at(rows.at(r)).time);
};

describe('panel store', () => {
  it('says hello with its protocol version, then subscribes to its tab', async () => {
    const { received, subscribed } = setup(7);
    await subscribed;
    expect(received).toEqual([
      { source: 'socket-scope-panel', id: 1, tabId: 7, type: 'hello', version: PROTOCOL_VERSION },
      { source: 'socket-scope-panel', id: 2, tabId: 7, type: 'subscribe' },
    ]);
  });

  it('fills the live view from a snapshot and updates, ignoring other tabs and the rules', async () => {
    const { store, send, background } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1), text('a', 2, 'in', 'x')], dropped: 0 });
    background.post({ source: 'socket-scope-background', type: 'rules', tabId: 7, rules: [] });
    background.post({
      source: 'socket-scope-background',
      type: 'capture-update',
      tabId: 8,
      events: [created('z', 2)],
      dropped: 0,
    });
    await send({ type: 'capture-update', tabId: 7, events: [text('a', 3, 'out', 'y')], dropped: 3 });
    expect(times(store.live)).toEqual([1, 2, 3]);
    expect(store.getState().dropped).toBe(3);
    expect([...store.live.getState().sockets.keys()]).toEqual(['a']);
    // A new snapshot replaces everything.
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('c', 9)], dropped: 0 });
    expect(times(store.live)).toEqual([9]);
    expect(store.getState().dropped).toBe(0);
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
    await status(7, full);
    expect(store.getState().saveProblem).toEqual(full);
    await status(7, null);
    expect(store.getState().saveProblem).toBeNull();
    await status(7, full);
    background.post({ source: 'socket-scope-background', type: 'save-status', tabId: 8, problem: null });
    await send({ type: 'capture-update', tabId: 7, events: [text('a', 3, 'in', 'x')], dropped: 0 });
    expect(store.getState().saveProblem).toEqual(full); // another tab's status changed nothing
    await send({ type: 'capture-snapshot', tabId: 7, events: [], dropped: 0 });
    expect(store.getState().saveProblem).toBeNull();
  });

  it('clear asks the background, and its empty snapshot resets the view', async () => {
    const { store, send, received, subscribed } = setup(7);
    await subscribed;
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1), text('a', 2, 'in', 'x')], dropped: 4 });
    store.live.selectEvent(1);
    store.clear();
    await new Promise((resolve) => setImmediate(resolve));
    expect(received.at(-1)).toEqual({ source: 'socket-scope-panel', id: 3, type: 'clear', tabId: 7 });
    await send({ type: 'capture-snapshot', tabId: 7, events: [], dropped: 0 });
    expect(times(store.live)).toEqual([]);
    expect(store.live.selected()).toBeNull();
    expect(store.live.getState().sockets.size).toBe(0);
  });

  it('shows an imported session instead of the live capture, with the same filter, and goes back to it', async () => {
    const { store, send } = setup(7);
    await send({ type: 'capture-snapshot', tabId: 7, events: [created('a', 1)], dropped: 0 });
    store.live.setFilter({ ...EMPTY_FILTER, lifecycle: false });
    store.showImported('saved.har', [created('x', 1), text('x', 2, 'out', 'hi')]);
    expect(store.getState().importedFrom).toBe('saved.har');
    expect(times(store.getState().view)).toEqual([2]);
    await send({ type: 'capture-update', tabId: 7, events: [text('a', 3, 'in', 'x')], dropped: 0 });
    expect([...store.getState().view.getState().sockets.keys()]).toEqual(['x']);
    store.showLive();
    expect(store.getState().view).toBe(store.live);
    expect(times(store.live)).toEqual([3]);
  });

  it('says so when the background speaks another protocol version', async () => {
    const [panelEnd, background] = createMemoryChannelPair<PanelToBackground, BackgroundToPanel>();
    background.onMessage((m) =>
      background.post({
        source: 'socket-scope-background',
        type: 'reply',
        id: m.id,
        ok: false,
        error: 'x',
        versionMismatch: true,
      }),
    );
    const store = createPanelStore(createPanelLink(panelEnd, 7), 7);
    await new Promise<void>((resolve) => store.subscribe(resolve));
    expect(store.getState().linkProblem).toBe('Socket Scope was updated while this page was open: reload this panel.');
  });
});
