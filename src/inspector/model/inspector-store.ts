import { STREAM_RENDER_INTERVAL_MS, throttle } from '../../core/throttle';
import type { SocketEvent } from '../../protocol';
import { createEventStore, DEFAULT_STORE_BOUNDS, type EventStore, type EventStoreBounds } from './event-store';
import { compileFilter, EMPTY_FILTER, type CompiledFilter, type FrameFilter } from './filter';
import { advanceFilter, createFilterResult, forgetEvicted, rowsOf, type FilterResult, type Rows } from './filter-run';
import { applyToSockets, type SocketSummary } from './socket-summary';

/**
 * The state of one inspector view: the events it holds, their sockets, the filter and its
 * rows, the selection, pause. Both UIs use it: the panel for a tab's capture (or an imported
 * file), the popup once per connection. Plain TypeScript: components render it, it decides.
 */
export interface InspectorState {
  /** The events, bounded (mutated in place: `revision` says when it changed). */
  readonly events: EventStore;
  readonly sockets: ReadonlyMap<string, SocketSummary>;
  readonly filter: FrameFilter;
  readonly filterError: string | null;
  /** The text filter as a pattern, for highlighting matches; null without one. */
  readonly pattern: RegExp | null;
  readonly filterActive: boolean;
  /** What the table shows, filtered (and for one socket when one is selected). */
  readonly rows: Rows;
  /** Matches of the filter per socket, over every socket. */
  readonly matchCounts: ReadonlyMap<string, number>;
  readonly selectedSocket: string | null;
  /** Store index of the event whose details are shown. */
  readonly selectedEvent: number | null;
  /** Paused: rows stop at `pausedAt` (a store index); events keep arriving behind it. */
  readonly paused: boolean;
  readonly pausedAt: number;
  /** Events this view evicted to stay within its bounds. */
  readonly evicted: number;
  readonly revision: number;
}

export interface InspectorStore {
  getState(): InspectorState;
  subscribe(listener: () => void): () => void;
  /** New events: kept at once, shown at most every STREAM_RENDER_INTERVAL_MS. */
  append(events: readonly SocketEvent[]): void;
  /** Everything again (a snapshot): the old events, rows and selection go. */
  replace(events: readonly SocketEvent[]): void;
  setBounds(bounds: EventStoreBounds): void;
  setFilter(filter: FrameFilter): void;
  selectSocket(socketId: string | null): void;
  selectEvent(index: number | null): void;
  setPaused(paused: boolean): void;
  /** The selected event, if it is still kept. */
  selected(): SocketEvent | null;
}

/** Longest a filter may hold the main thread in one go; the rest runs in later tasks. */
const FILTER_SLICE_MS = 12;

export function createInspectorStore(
  options: { bounds?: EventStoreBounds; filter?: FrameFilter; onEvent?: (e: SocketEvent) => void } = {},
): InspectorStore {
  const events = createEventStore(options.bounds ?? DEFAULT_STORE_BOUNDS);
  const sockets = new Map<string, SocketSummary>();
  let filter = options.filter ?? EMPTY_FILTER;
  let compiled: CompiledFilter = compileFilter(filter);
  let run: FilterResult = createFilterResult();
  let scheduled = false;
  let evicted = 0;
  let state: InspectorState;
  const listeners = new Set<() => void>();

  const matches = () => (compiled.ok ? compiled.matches : () => false);
  const build = (patch: Partial<InspectorState> = {}): InspectorState => {
    const next = { ...state, ...patch };
    const ok = compiled.ok ? compiled : null;
    return {
      ...next,
      events,
      filter,
      filterError: compiled.ok ? null : compiled.error,
      pattern: ok?.pattern ?? null,
      filterActive: ok?.active ?? false,
      rows: rowsOf(run, next.paused ? next.pausedAt : null),
      matchCounts: run.counts,
      evicted,
      revision: (state?.revision ?? 0) + 1,
    };
  };
  state = build({ sockets, selectedSocket: null, selectedEvent: null, paused: false, pausedAt: 0 });

  const notify = (patch?: Partial<InspectorState>) => {
    state = build(patch);
    for (const l of listeners) l();
  };

  /** Filters what is new (or everything after a reset), in slices of FILTER_SLICE_MS. */
  const refilter = (reset: boolean, patch?: Partial<InspectorState>) => {
    if (patch) state = { ...state, ...patch };
    if (reset) run = createFilterResult(events.head);
    if (compiled.ok) {
      const deadline = performance.now() + FILTER_SLICE_MS;
      const timeUp = () => performance.now() > deadline;
      const done = advanceFilter(run, events, events.end, compiled.matches, state.selectedSocket, timeUp);
      if (!done && !scheduled) {
        scheduled = true;
        setTimeout(() => {
          scheduled = false;
          refilter(false);
        }, 0);
      }
    }
    notify();
  };
  // New frames show at most every STREAM_RENDER_INTERVAL_MS; what the user does shows at once.
  const refilterSoon = throttle(() => refilter(false), STREAM_RENDER_INTERVAL_MS);

  const keep = (batch: readonly SocketEvent[]) => {
    for (const e of batch) {
      applyToSockets(sockets, e);
      options.onEvent?.(e);
    }
    const gone = events.append(batch);
    if (gone.length > 0) dropped(gone);
  };
  const dropped = (gone: readonly SocketEvent[]) => {
    evicted += gone.length;
    forgetEvicted(run, gone, events.head, matches());
    if (state.selectedEvent !== null && state.selectedEvent < events.head) state = { ...state, selectedEvent: null };
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    append(batch) {
      if (batch.length === 0) return;
      keep(batch);
      refilterSoon();
    },
    replace(all) {
      events.clear();
      sockets.clear();
      evicted = 0;
      keep(all);
      refilter(true, { selectedEvent: null, pausedAt: events.head });
    },
    setBounds(bounds) {
      const gone = events.setBounds(bounds);
      if (gone.length > 0) dropped(gone);
      notify();
    },
    setFilter(next) {
      filter = next;
      compiled = compileFilter(next);
      refilter(true);
    },
    selectSocket: (socketId) => refilter(true, { selectedSocket: socketId, selectedEvent: null }),
    selectEvent: (index) => notify({ selectedEvent: index }),
    setPaused: (paused) => notify({ paused, pausedAt: events.end }),
    selected: () =>
      state.selectedEvent !== null && state.selectedEvent >= events.head && state.selectedEvent < events.end
        ? events.at(state.selectedEvent)
        : null,
  };
}

/** A fresh store for the same events each time: an imported file, a test. */
export const inspectorStoreOf = (all: readonly SocketEvent[], bounds?: EventStoreBounds): InspectorStore => {
  const store = createInspectorStore(bounds ? { bounds } : {});
  store.replace(all);
  return store;
};
