import { render } from 'preact';
import { createReconnectingChannel } from '../core/reconnecting-channel';
import { browser } from '../extension/browser';
import { createPortChannel } from '../extension/port-channel';
import { PORT_NAMES, isBackgroundToPopup, type BackgroundToPopup, type PopupToBackground } from '../protocol';
import { PopupApp } from './popup-app';
import { createPopupStore } from './popup-store';

// Firefox drops the port when it suspends the event page: reconnect and resync (hello).
const channel = createReconnectingChannel(() =>
  createPortChannel<PopupToBackground, BackgroundToPopup>(browser.runtime.connect({ name: PORT_NAMES.popup }), isBackgroundToPopup),
);
const store = createPopupStore(channel);
const params = new URLSearchParams(location.search);
// Opened as a full tab ("Open in tab"): the same UI, sized to the window.
if (params.get('view') === 'tab') document.body.classList.replace('popup', 'tab-view');
render(<PopupApp store={store} defaultUrl={params.get('url') ?? ''} />, document.getElementById('app')!);
