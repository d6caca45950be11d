import { render } from 'preact';
import { browser } from '../extension/browser';
import { createPortChannel } from '../extension/port-channel';
import { PORT_NAMES, isBackgroundToPopup, type BackgroundToPopup, type PopupToBackground } from '../protocol';
import { PopupApp } from './popup-app';
import { createPopupStore } from './popup-store';

const port = browser.runtime.connect({ name: PORT_NAMES.popup });
const store = createPopupStore(createPortChannel<PopupToBackground, BackgroundToPopup>(port, isBackgroundToPopup));
const defaultUrl = new URLSearchParams(location.search).get('url') ?? '';
render(<PopupApp store={store} defaultUrl={defaultUrl} />, document.getElementById('app')!);
