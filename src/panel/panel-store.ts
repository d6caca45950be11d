import type { Channel } from '../core/channel';
import { STREAM_RENDER_INTERVAL_MS, throttle } from '../core/throttle';
import { createBackgroundLink, type BackgroundLink } from '../core/background-link';
import { VERSION_MISMATCH_TEXT } from '../core/requests';
import {
  PROTOCOL_VERSION,
  type BackgroundToPanel,
  type PanelRequest,
  type PanelToBackground,
  type SaveProblem,
  type SocketEvent,
} from '../protocol';
import { advanceFilter, createFilterResult, type FilterResult } from './filter-run';
import { compileFilter, EMPTY_FILTER, type FrameFilter } from './frame-filter';
import { applyToSockets, type SocketSummary } from './socket-summary';

export { applyToSockets, type SocketSummary } from './socket-summary';

/** Events and sockets of one source: the live capture of the tab, or an imported file. */
interface DataSet {
  readonly events: SocketEvent[];
  readonly sockets: Map<string, SocketSummary>;
  dropped: number;
}

export interface PanelState {
  readonly tabId: number;
  /** null: the live capture; else the name of the imported file being viewed. */
  readonly importedFrom: string | null;
  readonly sockets: ReadonlyMap<string, SocketSummary>;
  /** Every event of the viewed source in order (frames of all sockets merged by time). */
  readonly events: readonly SocketEvent[];
  readonly dropped: number;
  /** The background cannot be reached or refused this panel (another version): shown as an alert. */
  readonly linkProblem: string | null;
  /** Why the live capture is not being saved (kept in memory only), or null while saving works. */
  readonly saveProblem: SaveProblem | null;
  readonly selectedSocket: string | null;
  readonly filter: FrameFilter;
  readonly filterError: string | null;
  readonly pattern: RegExp | null;
  /** Indices into `events` of the rows the table shows. */
  readonly shown: readonly number[];
  readonly matchCounts: ReadonlyMap<string, number>;
  readonly filterActive: boolean;
  /** Paused: the table stops at `pausedAt` events; capture goes on in the background. */
  readonly paused: boolean;
  readonly pausedAt: number;
  /** Index into `events` of the row whose details are shown. */
  readonly selectedEvent: number | null;
  readonly revision: number;
}

export type PanelChannel = Channel<PanelToBackground, BackgroundToPanel> & {
  onReconnect?(listener: () => void): () => void;
};
export type PanelPush = Exclude<BackgroundToPanel, { type: 'reply' }>;
/** The panel's one link to the background, shared by its stores (request ids are per link). */
export type PanelLink = BackgroundLink<PanelRequest, PanelPush>;

export const createPanelLink = (channel: PanelChannel, tabId: number): PanelLink =>
  createBackgroundLink(
    channel,
    (request, id) => ({ source: 'socket-scope-panel', id, tabId, ...request }) as PanelToBackground,
  );

/** Longest a filter may hold the main thread in one go; the rest runs in later tasks. */
const FILTER_SLICE_MS = 12;
const emptySet = (): DataSet => ({ events: [], sockets: new Map(), dropped: 0 });

export function createPanelStore(link: PanelLink, tabId: number) {
  const live = emptySet();
  let imported: (DataSet & { name: string }) | null = null;
  const data = () => imported ?? live;
  let compiled = compileFilter(EMPTY_FILTER);
  let run: FilterResult = createFilterResult();
  let scheduled = false;
  let state: PanelState = {
    tabId,
    importedFrom: null,
    sockets: live.sockets,
    events: live.events,
    dropped: 0,
    linkProblem: null,
    saveProblem: null,
    selectedSocket: null,
    filter: EMPTY_FILTER,
    filterError: null,
    pattern: null,
    shown: run.shown,
    matchCounts: run.counts,
    filterActive: false,
    paused: false,
    pausedAt: 0,
    selectedEvent: null,
    revision: 0,
  };
  const listeners = new Set<() => void>();
  const notify = () => {
    const d = data();
    const ok = compiled.ok ? compiled : null;
    state = {
      ...state,
      importedFrom: imported?.name ?? null,
      sockets: d.sockets,
      events: d.events,
      dropped: d.dropped,
      filterError: compiled.ok ? null : compiled.error,
      pattern: ok?.pattern ?? null,
      filterActive: ok?.active ?? false,
      shown: run.shown,
      matchCounts: run.counts,
      revision: state.revision + 1,
    };
    for (const l of listeners) l();
  };
  /** Filters what is new (or everything after a reset), in slices of FILTER_SLICE_MS. */
  const refilter = (reset: boolean) => {
    if (reset) run = createFilterResult();
    if (!compiled.ok) return notify();
    const end = state.paused ? state.pausedAt : data().events.length;
    const deadline = performance.now() + FILTER_SLICE_MS;
    const done = advanceFilter(
      run,
      data().events,
      end,
      compiled.matches,
      state.selectedSocket,
      () => performance.now() > deadline,
    );
    if (!done && !scheduled) {
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        refilter(false);
      }, 0);
    }
    notify();
  };

  // New frames show at most every STREAM_RENDER_INTERVAL_MS; what the user does shows at once.
  const refilterSoon = throttle(() => refilter(false), STREAM_RENDER_INTERVAL_MS);
  const notifySoon = throttle(() => notify(), STREAM_RENDER_INTERVAL_MS);

  link.onPush((message) => {
    if (message.tabId !== tabId) return;
    if (message.type === 'save-status') {
      state = { ...state, saveProblem: message.problem };
      return notify();
    }
    // Other messages (command-error, rules, …) are for the act store (act-store.ts).
    if (message.type !== 'capture-snapshot' && message.type !== 'capture-update') return;
    const reset = message.type === 'capture-snapshot';
    if (reset) {
      live.sockets.clear();
      live.events.length = 0;
      // A save problem, if any, follows the snapshot (a restarted background has none to tell).
      state = { ...state, saveProblem: null, ...(imported ? {} : { selectedEvent: null, pausedAt: 0 }) };
    }
    for (const e of message.events) {
      live.events.push(e);
      applyToSockets(live.sockets, e);
    }
    live.dropped = message.dropped;
    if (imported) notifySoon();
    else if (reset) refilter(true);
    else refilterSoon();
  });
  /** Hello (the protocol version), then the tab's capture; again after the background restarted. */
  const subscribe = async () => {
    const hello = await link.request({ type: 'hello', version: PROTOCOL_VERSION });
    if (!hello.ok) return showProblem(hello.versionMismatch ? VERSION_MISMATCH_TEXT : hello.error);
    const subscribed = await link.request({ type: 'subscribe' });
    if (!subscribed.ok) showProblem(subscribed.error);
  };
  const showProblem = (problem: string) => {
    state = { ...state, linkProblem: problem };
    notify();
  };
  link.onReconnect(() => void subscribe());
  link.onLost(() =>
    showProblem('Lost the connection to the extension background (was it reloaded?): reopen DevTools.'),
  );
  void subscribe();

  const update = (patch: Partial<PanelState>, reset = true) => {
    state = { ...state, ...patch };
    refilter(reset);
  };
  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    selectSocket: (socketId: string | null) => update({ selectedSocket: socketId, selectedEvent: null }),
    setFilter(filter: FrameFilter) {
      compiled = compileFilter(filter);
      update({ filter });
    },
    selectEvent: (index: number | null) => update({ selectedEvent: index }, false),
    setPaused: (paused: boolean) => update({ paused, pausedAt: data().events.length }, false),
    /** Clears the tab's capture in the background; its empty snapshot resets this view. */
    clear: () =>
      void link.request({ type: 'clear' }).then((reply) => {
        if (!reply.ok) showProblem(reply.error);
      }),
    /** Views a saved session instead of the live capture (which goes on behind it). */
    showImported(name: string, events: readonly SocketEvent[]) {
      const set = { ...emptySet(), name };
      for (const e of events) {
        set.events.push(e);
        applyToSockets(set.sockets, e);
      }
      imported = set;
      update({ selectedSocket: null, selectedEvent: null, paused: false, pausedAt: 0 });
    },
    showLive() {
      imported = null;
      update({ selectedSocket: null, selectedEvent: null });
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
