import { render } from 'preact';
import { createReconnectingChannel } from '../core/reconnecting-channel';
import { SETTINGS_KEY, sanitizeSettings } from '../core/settings';
import { browser } from '../extension/browser';
import { accept, createPortChannel } from '../extension/port-channel';
import { PORT_NAMES, isBackgroundToPanel, type BackgroundToPanel, type PanelToBackground } from '../protocol';
import { PanelApp } from './panel-app';
import { createActStore } from './act-store';
import { followDevtoolsTheme } from './devtools-theme';
import { createPanelLink, createPanelStore } from './panel-store';

/**
 * Inside DevTools the inspected tab comes from chrome.devtools; opened as a page
 * (panel.html?tabId=N, "open in a window") it comes from the URL.
 */
function inspectedTabId(): number | null {
  const fromDevtools = browser.devtools?.inspectedWindow?.tabId;
  if (typeof fromDevtools === 'number') return fromDevtools;
  const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromUrl) && fromUrl >= 0 ? fromUrl : null;
}

/** Lifecycle events kept beyond the frame limit, as the background's log does (core/event-log.ts). */
const LIFECYCLE_ROOM = 20_000;

followDevtoolsTheme();
const root = document.getElementById('app')!;
const tabId = inspectedTabId();
if (tabId === null) {
  root.textContent = 'No tab to inspect: open this panel from DevTools, or as panel.html?tabId=<tab id>.';
} else {
  // The background may be stopped while the panel is open (Chrome's idle service worker,
  // Firefox's suspended event page): reconnect, and subscribe again for a fresh snapshot.
  const channel = createReconnectingChannel(() =>
    createPortChannel<PanelToBackground, BackgroundToPanel>(
      browser.runtime.connect({ name: PORT_NAMES.panel }),
      accept(isBackgroundToPanel),
      (m) => console.warn('Socket Scope: dropped a malformed message', JSON.stringify(m).slice(0, 500)),
    ),
  );
  const link = createPanelLink(channel, tabId);
  const store = createPanelStore(link, tabId);
  const act = createActStore(link, tabId);
  // The panel holds no more of the capture than the background does (Act → Capture settings).
  const applySettings = (value: unknown) => {
    const maxFrames = sanitizeSettings(value).captureMaxFrames;
    store.setBounds({ maxFrames, maxEvents: maxFrames + LIFECYCLE_ROOM });
  };
  void browser.storage.local.get(SETTINGS_KEY).then((stored) => applySettings(stored[SETTINGS_KEY]));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) applySettings(changes[SETTINGS_KEY].newValue);
  });
  render(<PanelApp store={store} act={act} />, root);
}
