import type { Channel } from '../core/channel';
import { chunkEvents } from '../core/event-chunks';
import { createEventLog, type EventLog, type EventLogLimits, DEFAULT_LIMITS } from '../core/event-log';
import type { BackgroundToPanel, PanelToBackground, SaveProblem, SocketEvent } from '../protocol';

const SNAPSHOT_CHUNK = 5_000;

export type PanelChannel = Channel<BackgroundToPanel, PanelToBackground>;

/**
 * Per-tab capture of page sockets: a bounded log for each tab, and the panels watching it.
 * The tab id always comes from the relay port's sender, never from a message.
 */
export interface CaptureHub {
  /** Events from the relay of `tabId`, already validated. */
  record(tabId: number, events: readonly SocketEvent[]): void;
  /** Sends the tab's capture to `channel`, then its updates, until unwatch (a panel watches one tab). */
  watch(tabId: number, channel: PanelChannel): void;
  unwatch(channel: PanelChannel): void;
  /** Empties a tab's capture (user's Clear, or a navigation without "Preserve log"). */
  clearTab(tabId: number): void;
  /** Called after a tab's capture was emptied (persistence follows it). */
  onClear(listener: (tabId: number) => void): void;
  /** A capture saved before the background restarted, put back before new events arrive. */
  restore(tabId: number, events: readonly SocketEvent[], droppedBefore: number): void;
  setLimits(limits: EventLogLimits): void;
  /** Tells the tab's panels that its capture cannot be saved (null: saving works again). */
  setSaveProblem(tabId: number, problem: SaveProblem | null): void;
  forgetTab(tabId: number): void;
  logOf(tabId: number): EventLog | undefined;
  tabIds(): number[];
}

export function createCaptureHub(initialLimits: EventLogLimits = DEFAULT_LIMITS): CaptureHub {
  let limits = initialLimits;
  const logs = new Map<number, EventLog>();
  const panels = new Map<number, Set<PanelChannel>>();
  const clearListeners: ((tabId: number) => void)[] = [];
  const saveProblems = new Map<number, SaveProblem>();
  const saveStatus = (tabId: number): BackgroundToPanel => ({
    source: 'socket-scope-background',
    type: 'save-status',
    tabId,
    problem: saveProblems.get(tabId) ?? null,
  });

  const logFor = (tabId: number) => {
    let log = logs.get(tabId);
    if (!log) {
      log = createEventLog(limits);
      logs.set(tabId, log);
    }
    return log;
  };

  /**
   * Sends a tab's whole capture: chunked, as 100,000 frames would be tens of MiB of JSON. A panel
   * assumes saving works after a snapshot, so a save problem follows it.
   */
  const sendSnapshot = (tabId: number, to: Iterable<PanelChannel>) => {
    const log = logFor(tabId);
    const all = log.all();
    const problem = saveProblems.has(tabId) ? saveStatus(tabId) : null;
    // Within the protocol's limits in events and payload characters (1 MiB frames add up fast).
    const chunks = chunkEvents(all, SNAPSHOT_CHUNK);
    if (chunks.length === 0) chunks.push([]);
    for (const panel of to) {
      chunks.forEach((events, i) =>
        panel.post({
          source: 'socket-scope-background',
          type: i === 0 ? 'capture-snapshot' : 'capture-update',
          tabId,
          events,
          dropped: log.dropped,
        }),
      );
      if (problem) panel.post(problem);
    }
  };

  const hub: CaptureHub = {
    record(tabId, events) {
      const log = logFor(tabId);
      log.append(events);
      const watchers = panels.get(tabId);
      if (!watchers) return;
      const update: BackgroundToPanel = {
        source: 'socket-scope-background',
        type: 'capture-update',
        tabId,
        events,
        dropped: log.dropped,
      };
      for (const panel of watchers) panel.post(update);
    },
    watch(tabId, channel) {
      hub.unwatch(channel);
      let set = panels.get(tabId);
      if (!set) panels.set(tabId, (set = new Set()));
      set.add(channel);
      sendSnapshot(tabId, [channel]);
    },
    unwatch(channel) {
      for (const set of panels.values()) set.delete(channel);
    },
    clearTab(tabId) {
      logFor(tabId).clear();
      sendSnapshot(tabId, panels.get(tabId) ?? []);
      for (const listener of clearListeners) listener(tabId);
    },
    onClear(listener) {
      clearListeners.push(listener);
    },
    restore(tabId, events, droppedBefore) {
      const restored = createEventLog(limits);
      restored.addDropped(droppedBefore);
      restored.append(events);
      const newer = logs.get(tabId);
      if (newer) restored.append(newer.all());
      logs.set(tabId, restored);
      sendSnapshot(tabId, panels.get(tabId) ?? []);
    },
    setLimits(next) {
      limits = next;
      for (const log of logs.values()) log.setLimits(next);
    },
    setSaveProblem(tabId, problem) {
      if (problem) saveProblems.set(tabId, problem);
      else if (!saveProblems.delete(tabId)) return;
      const status = saveStatus(tabId);
      for (const panel of panels.get(tabId) ?? []) panel.post(status);
    },
    forgetTab(tabId) {
      logs.delete(tabId);
      saveProblems.delete(tabId);
    },
    logOf(tabId) {
      return logs.get(tabId);
    },
    tabIds() {
      return [...logs.keys()];
    },
  };
  return hub;
}
