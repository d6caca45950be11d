import type { Channel } from '../core/channel';
import { createEventLog, type EventLog, type EventLogLimits, DEFAULT_LIMITS } from '../core/event-log';
import type { BackgroundToPanel, PanelToBackground, SocketEvent } from '../protocol';

const SNAPSHOT_CHUNK = 5_000;

export type PanelChannel = Channel<BackgroundToPanel, PanelToBackground>;

/**
 * Per-tab capture of page sockets: a bounded log for each tab, and the panels watching it.
 * The tab id always comes from the relay port's sender, never from a message.
 */
export interface CaptureHub {
  /** Events from the relay of `tabId`, already validated. */
  record(tabId: number, events: readonly SocketEvent[]): void;
  /** A panel port: it names the tab it inspects with a `subscribe` message. */
  addPanel(channel: PanelChannel): void;
  forgetTab(tabId: number): void;
  logOf(tabId: number): EventLog | undefined;
  tabIds(): number[];
}

export function createCaptureHub(limits: EventLogLimits = DEFAULT_LIMITS): CaptureHub {
  const logs = new Map<number, EventLog>();
  const panels = new Map<number, Set<PanelChannel>>();

  const logFor = (tabId: number) => {
    let log = logs.get(tabId);
    if (!log) {
      log = createEventLog(limits);
      logs.set(tabId, log);
    }
    return log;
  };

  return {
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
    addPanel(channel) {
      let watchedTab: number | null = null;
      channel.onMessage((message) => {
        if (message.type !== 'subscribe') return;
        if (watchedTab !== null) panels.get(watchedTab)?.delete(channel);
        watchedTab = message.tabId;
        let set = panels.get(watchedTab);
        if (!set) panels.set(watchedTab, (set = new Set()));
        set.add(channel);
        const log = logFor(watchedTab);
        const all = log.all();
        // Chunked: one port message per 100,000 frames would be tens of MiB of JSON.
        for (let start = 0; start === 0 || start < all.length; start += SNAPSHOT_CHUNK) {
          channel.post({
            source: 'socket-scope-background',
            type: start === 0 ? 'capture-snapshot' : 'capture-update',
            tabId: watchedTab,
            events: all.slice(start, start + SNAPSHOT_CHUNK),
            dropped: log.dropped,
          });
        }
      });
      channel.onDisconnect(() => {
        if (watchedTab !== null) panels.get(watchedTab)?.delete(channel);
      });
    },
    forgetTab(tabId) {
      logs.delete(tabId);
    },
    logOf(tabId) {
      return logs.get(tabId);
    },
    tabIds() {
      return [...logs.keys()];
    },
  };
}
