import { describe, expect, it } from 'vitest';
import { createCaptureHub } from '../../../src/background/capture-hub';
import { createPageCommandRouter } from '../../../src/background/page-commands';
import { servePanel } from '../../../src/background/panel-port';
import { createMemoryChannelPair } from '../../../src/core/channel';
import { DEFAULT_LIMITS } from '../../../src/core/event-log';
import type { BackgroundToPanel, PanelRequest, PanelToBackground, Reply, SocketEvent } from '../../../src/protocol';

type CaptureMessage = Extract<BackgroundToPanel, { events: unknown }>;
type SaveStatusMessage = Extract<BackgroundToPanel, { type: 'save-status' }>;

const frame = (socketId: string, n: number): SocketEvent => ({
  type: 'frame',
  socketId,
  time: n,
  direction: 'in',
  payload: { kind: 'text', text: `${socketId}:${n}` },
});
const created = (socketId: string, n: number): SocketEvent => ({
  type: 'created',
  socketId,
  time: n,
  url: 'ws://x/',
  protocols: [],
  frameUrl: 'https://page/',
});

/** A panel connected to the hub: records what it receives, lets a test wait for a count. */
function connectPanel(hub: ReturnType<typeof createCaptureHub>) {
  const [end, background] = createMemoryChannelPair<PanelToBackground, BackgroundToPanel>();
  servePanel(background, hub, createPageCommandRouter());
  let nextId = 1;
  /** Posts a request as a panel would, with its envelope (id, tab). */
  const panel = {
    post: (request: PanelRequest & { tabId: number }) =>
      end.post({ source: 'socket-scope-panel', id: nextId++, ...request }),
    close: () => end.close(),
  };
  const received: CaptureMessage[] = [];
  /** Capture and save-status messages in order (`received` has only the capture). */
  const all: BackgroundToPanel[] = [];
  const replies: Reply[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  end.onMessage((m) => {
    if (m.type === 'reply') return void replies.push(m);
    if (m.type === 'rules') return;
    all.push(m);
    if (m.type === 'save-status') return;
    received.push(m);
    for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
  });
  const waitForMessages = (count: number) =>
    new Promise<void>((resolve) => (received.length >= count ? resolve() : waiters.push({ count, resolve })));
  /** Subscribes to a tab and waits for the (first chunk of its) snapshot. */
  const subscribe = (tabId: number) => {
    const count = received.length + 1;
    panel.post({ type: 'subscribe', tabId });
    return waitForMessages(count);
  };
  return { panel, received, all, replies, waitForMessages, subscribe };
}

/** Lets every queued microtask (in-memory deliveries) run; not a timed sleep. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('capture hub', () => {
  it('sends a snapshot of earlier events, then updates for its tab only', async () => {
    const hub = createCaptureHub();
    hub.record(7, [created('a', 1), frame('a', 2)]);
    hub.record(8, [created('z', 1)]);
    const { received, waitForMessages, subscribe } = connectPanel(hub);
    await subscribe(7);
    expect(received[0]).toEqual({
      source: 'socket-scope-background',
      type: 'capture-snapshot',
      tabId: 7,
      events: [created('a', 1), frame('a', 2)],
      dropped: 0,
    });

    hub.record(8, [frame('z', 2)]);
    hub.record(7, [frame('a', 3), frame('a', 4)]);
    hub.record(8, [frame('z', 3)]);
    hub.record(7, [frame('b', 5)]);
    await waitForMessages(3);
    await settle();
    expect(received.slice(1)).toEqual([
      {
        source: 'socket-scope-background',
        type: 'capture-update',
        tabId: 7,
        events: [frame('a', 3), frame('a', 4)],
        dropped: 0,
      },
      { source: 'socket-scope-background', type: 'capture-update', tabId: 7, events: [frame('b', 5)], dropped: 0 },
    ]);
    expect(hub.tabIds().sort()).toEqual([7, 8]);
  });

  it('sends an empty snapshot for a tab with no capture yet', async () => {
    const hub = createCaptureHub();
    const { received, subscribe } = connectPanel(hub);
    await subscribe(3);
    expect(received).toEqual([
      { source: 'socket-scope-background', type: 'capture-snapshot', tabId: 3, events: [], dropped: 0 },
    ]);
  });

  it('chunks a snapshot larger than 5,000 events: capture-snapshot first, then capture-update, complete', async () => {
    const hub = createCaptureHub({ ...DEFAULT_LIMITS, maxFrames: 12_000 });
    const events = Array.from({ length: 12_345 }, (_, i) => frame('s', i));
    hub.record(7, events);
    const { panel, received, waitForMessages } = connectPanel(hub);
    panel.post({ type: 'subscribe', tabId: 7 });
    await waitForMessages(3);
    await settle();
    expect(received.map((m) => [m.type, m.events.length, m.dropped])).toEqual([
      ['capture-snapshot', 5_000, 345],
      ['capture-update', 5_000, 345],
      ['capture-update', 2_000, 345],
    ]);
    expect(received.flatMap((m) => m.events).map((e) => e.time)).toEqual(events.slice(345).map((e) => e.time));
  });

  it('re-subscribing to another tab moves the panel', async () => {
    const hub = createCaptureHub();
    const { panel, received, waitForMessages } = connectPanel(hub);
    panel.post({ type: 'subscribe', tabId: 7 });
    panel.post({ type: 'subscribe', tabId: 8 });
    await waitForMessages(2);
    hub.record(7, [frame('a', 1)]);
    hub.record(8, [frame('z', 1)]);
    await waitForMessages(3);
    await settle();
    expect(received.map((m) => [m.type, m.tabId, m.events.length])).toEqual([
      ['capture-snapshot', 7, 0],
      ['capture-snapshot', 8, 0],
      ['capture-update', 8, 1],
    ]);
  });

  it('stops updating a panel once it disconnects, and keeps updating the others', async () => {
    const hub = createCaptureHub();
    const first = connectPanel(hub);
    const second = connectPanel(hub);
    await first.subscribe(7);
    // A separate pair: closing `first` must not affect it.
    await second.subscribe(7);

    first.panel.close();
    await settle();
    // Posting to the closed panel would throw: record() succeeding proves it was removed.
    expect(() => hub.record(7, [frame('a', 1)])).not.toThrow();
    await second.waitForMessages(2);
    await settle();
    expect(first.received).toHaveLength(1);
    expect(second.received.map((m) => m.type)).toEqual(['capture-snapshot', 'capture-update']);
  });

  it('clears the watched tab on request and sends every panel of that tab an empty snapshot', async () => {
    const hub = createCaptureHub({ ...DEFAULT_LIMITS, maxFrames: 2 });
    hub.record(7, [created('a', 1), frame('a', 2), frame('a', 3), frame('a', 4)]);
    hub.record(8, [created('z', 1)]);
    const first = connectPanel(hub);
    const second = connectPanel(hub);
    await first.subscribe(7);
    await second.subscribe(7);
    expect(hub.logOf(7)!.dropped).toBe(1);

    // A clear naming another tab than the one watched is refused.
    first.panel.post({ type: 'clear', tabId: 8 });
    first.panel.post({ type: 'clear', tabId: 7 });
    await first.waitForMessages(2);
    await second.waitForMessages(2);
    await settle();
    expect(first.replies.slice(-2).map((r) => r.ok)).toEqual([false, true]);
    for (const { received } of [first, second]) {
      expect(received[1]).toEqual({
        source: 'socket-scope-background',
        type: 'capture-snapshot',
        tabId: 7,
        events: [],
        dropped: 0,
      });
    }
    expect(hub.logOf(7)!.all()).toEqual([]);
    expect(hub.logOf(7)!.dropped).toBe(0);
    expect(hub.logOf(8)!.all()).toHaveLength(1);
  });

  it('tells the panels of a tab when its capture cannot be saved, after every snapshot, and when saving works again', async () => {
    const hub = createCaptureHub();
    const full = { reason: 'quota', message: 'Browser storage is full' } as const;
    const status = (tabId: number, problem: typeof full | null): SaveStatusMessage => ({
      source: 'socket-scope-background',
      type: 'save-status',
      tabId,
      problem,
    });
    hub.record(7, [created('a', 1)]);
    const watching = connectPanel(hub);
    const other = connectPanel(hub);
    await watching.subscribe(7);
    await other.subscribe(8);

    hub.setSaveProblem(7, full);
    hub.setSaveProblem(7, null);
    hub.setSaveProblem(7, null); // no problem to clear: nothing is sent
    hub.setSaveProblem(7, full);
    hub.record(7, [frame('a', 2)]);
    await watching.waitForMessages(2);
    await settle();
    expect(watching.all.slice(1).map((m) => (m.type === 'save-status' ? m : m.type))).toEqual([
      status(7, full),
      status(7, null),
      status(7, full),
      'capture-update',
    ]);
    expect(other.all.map((m) => m.type)).toEqual(['capture-snapshot']);

    // A panel that subscribes (or resubscribes after a restart) learns it right after the snapshot.
    const late = connectPanel(hub);
    await late.subscribe(7);
    await settle();
    expect(late.all.map((m) => (m.type === 'save-status' ? m : m.type))).toEqual(['capture-snapshot', status(7, full)]);

    hub.forgetTab(7);
    const afterClose = connectPanel(hub);
    await afterClose.subscribe(7);
    await settle();
    expect(afterClose.all.map((m) => m.type)).toEqual(['capture-snapshot']);
  });
});
