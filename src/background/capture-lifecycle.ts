import { browser } from '../extension/browser';
import { DEFAULT_SETTINGS, SETTINGS_KEY, captureLimits, sanitizeSettings, type Settings } from '../core/settings';
import type { SocketEvent } from '../protocol';
import type { CaptureHub } from './capture-hub';
import { createCapturePersistence } from './capture-persistence';
import { createCaptureSaver } from './capture-saver';

/**
 * Everything around the capture hub that depends on extension APIs: the user's settings
 * (limits, "Preserve log"), navigation, closed tabs, and saving the capture so that it
 * survives a background restart.
 */
export function manageCapture(hub: CaptureHub) {
  const persistence = createCapturePersistence();
  let settings: Settings = DEFAULT_SETTINGS;
  const saver = createCaptureSaver({
    writes: persistence,
    logOf: (tabId) => hub.logOf(tabId),
    maxFrames: () => settings.captureMaxFrames,
  });
  // Storage full or failing: the capture goes on in memory, and the tab's panels say so.
  saver.onProblem((tabId, problem) => {
    if (problem) console.warn(`Socket Scope: tab ${tabId}: ${problem.message}`);
    hub.setSaveProblem(tabId, problem);
  });

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

  hub.onClear((tabId) => saver.cleared(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // "loading" comes at the start of a navigation, before the new document's hook runs.
    if (change.status === 'loading' && !settings.preserveLog && hub.logOf(tabId)) hub.clearTab(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    hub.forgetTab(tabId);
    saver.forget(tabId);
  });

  return {
    ready,
    /** Records events from a tab's relay, in memory and on disk. */
    record(tabId: number, events: readonly SocketEvent[]) {
      void ready.then(() => {
        hub.record(tabId, events);
        saver.record(tabId, events);
      });
    },
    /** Resolves once what the tab has recorded so far is saved (or saving is failing). */
    whenSaved: (tabId: number) => ready.then(() => saver.whenSaved(tabId)),
    persistence,
    saver,
    settings: () => settings,
    /** Writes what is waiting and resolves when it has landed (tests, planned stops). */
    flush: () => saver.flush(),
  };
}

export type CaptureLifecycle = ReturnType<typeof manageCapture>;
