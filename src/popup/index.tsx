import { render } from 'preact';
import { createReconnectingChannel } from '../core/reconnecting-channel';
import { browser } from '../extension/browser';
import { accept, createPortChannel } from '../extension/port-channel';
import { PORT_NAMES, isBackgroundToPopup, type BackgroundToPopup, type PopupToBackground } from '../protocol';
import { createEndpointStore } from './endpoint-store';
import { PopupApp } from './popup-app';
import { createPopupStore } from './popup-store';

// Firefox drops the port when it suspends the event page: reconnect and resync (hello).
const channel = createReconnectingChannel(() =>
  createPortChannel<PopupToBackground, BackgroundToPopup>(
    browser.runtime.connect({ name: PORT_NAMES.popup }),
    accept(isBackgroundToPopup),
  ),
);
const store = createPopupStore(channel, {
  // Only the one origin is asked for. (Measured on Firefox 153: asking for declarativeNetRequest
  // as an optional permission never resolves, so it is a required permission in Firefox.)
  requestHostPermission: (pattern) => browser.permissions.request({ origins: [pattern] }),
});
const params = new URLSearchParams(location.search);
// Opened as a full tab ("Open in tab"): the same UI, sized to the window.
if (params.get('view') === 'tab') document.body.classList.replace('popup', 'tab-view');
const ENDPOINTS_KEY = 'popup.endpoints';
const endpoints = createEndpointStore({
  load: async () => (await browser.storage.local.get(ENDPOINTS_KEY))[ENDPOINTS_KEY],
  save: (lists) => browser.storage.local.set({ [ENDPOINTS_KEY]: lists }),
});
render(
  <PopupApp store={store} endpoints={endpoints} defaultUrl={params.get('url') ?? ''} />,
  document.getElementById('app')!,
);
