import { browser } from '../extension/browser';
import { DEFAULT_SETTINGS, SETTINGS_KEY, captureLimits, sanitizeSettings, type Settings } from '../core/settings';
import type { SocketEvent } from '../protocol';
import type { CaptureHub } from './capture-hub';
import { createCapturePersistence } from './capture-persistence';

/**
 * Everything around the capture hub that depends on extension APIs: the user's settings
 * (limits, "Preserve log"), navigation, closed tabs, and saving the capture so that it
 * survives a background restart.
 */
export function manageCapture(hub: CaptureHub) {
  const persistence = createCapturePersistence();
  let settings: Settings = DEFAULT_SETTINGS;
  /** Frames saved per tab since its last compaction. */
  const savedFrames = new Map<number, number>();

  const applySettings = (value: unknown) => {
    settings = sanitizeSettings(value);
    hub.setLimits(captureLimits(settings));
  };
  void browser.storage.local.get(SETTINGS_KEY).then((stored) => applySettings(stored[SETTINGS_KEY]));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) applySettings(changes[SETTINGS_KEY].newValue);
  });

  // Saved captures come back first; events that arrive meanwhile wait for them (order kept).
  const ready = persistence
    .load()
    .then(async (saved) => {
      for (const [tabId, capture] of saved) {
        const alive = await browser.tabs.get(tabId).then(
          () => true,
          () => false,
        );
        if (alive) hub.restore(tabId, capture.events, capture.dropped);
        else void persistence.forget(tabId);
      }
    })
    .catch((error: unknown) => console.warn('Socket Scope: could not restore the saved capture', error));

  // Writes are gathered for a moment: one IndexedDB transaction per relay message would cost
  // more than the capture itself at thousands of frames per second. A background is only
  // stopped after 30 s idle, so nothing waits here when it goes.
  const unsaved = new Map<number, SocketEvent[]>();
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const saveNow = () => {
    saveTimer = null;
    for (const [tabId, events] of unsaved) void persistence.append(tabId, events);
    unsaved.clear();
  };
  const saveLater = (tabId: number, events: readonly SocketEvent[]) => {
    let list = unsaved.get(tabId);
    if (!list) unsaved.set(tabId, (list = []));
    for (const e of events) list.push(e);
    saveTimer ??= setTimeout(saveNow, 250);
  };

  hub.onClear((tabId) => {
    unsaved.delete(tabId);
    savedFrames.set(tabId, 0);
    void persistence.replace(tabId, [], 0);
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // "loading" comes at the start of a navigation, before the new document's hook runs.
    if (change.status === 'loading' && !settings.preserveLog && hub.logOf(tabId)) hub.clearTab(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    hub.forgetTab(tabId);
    unsaved.delete(tabId);
    savedFrames.delete(tabId);
    void persistence.forget(tabId);
  });

  return {
    ready,
    /** Records events from a tab's relay, in memory and on disk. */
    record(tabId: number, events: readonly SocketEvent[]) {
      void ready.then(() => {
        hub.record(tabId, events);
        saveLater(tabId, events);
        const saved = (savedFrames.get(tabId) ?? 0) + events.length;
        savedFrames.set(tabId, saved);
        // Evicted frames stay on disk until a compaction rewrites the tab as what is kept.
        if (saved > 2 * settings.captureMaxFrames) {
          const log = hub.logOf(tabId)!;
          unsaved.delete(tabId);
          savedFrames.set(tabId, log.frameCount);
          void persistence.replace(tabId, log.all(), log.dropped);
        }
      });
    },
    persistence,
    settings: () => settings,
    /** Writes what is waiting and resolves when it has landed (tests, planned stops). */
    flush() {
      if (saveTimer !== null) clearTimeout(saveTimer);
      saveNow();
      return persistence.flushed();
    },
  };
}
