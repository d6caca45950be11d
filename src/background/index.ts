/**
 * Background entry (Chrome service worker / Firefox event page): only wiring.
 * Routes ports by name, checks every sender, and hands validated messages to the hubs.
 */
import { browser, type Runtime } from '../extension/browser';
import { createPortChannel } from '../extension/port-channel';
import {
  PORT_NAMES,
  isPanelToBackground,
  isPopupToBackground,
  isRelayToBackground,
  type BackgroundToPanel,
  type BackgroundToPopup,
  type PanelToBackground,
  type PopupToBackground,
} from '../protocol';
import { createCaptureHub } from './capture-hub';
import { createConnectionManager } from './connection-manager';
import { createPopupHub } from './popup-hub';

const captureHub = createCaptureHub();
const connections = createConnectionManager((url, protocols) => new WebSocket(url, protocols));
const popupHub = createPopupHub(connections);

/** Messages that failed their guard; kept for diagnostics (and tests). */
const rejected = { count: 0 };
const reject = () => {
  rejected.count++;
};

const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
const isExtensionPage = (port: Runtime.Port) =>
  port.sender?.id === browser.runtime.id && typeof port.sender.url === 'string' && new URL(port.sender.url).origin === extensionOrigin;

browser.runtime.onConnect.addListener((port) => {
  switch (port.name) {
    case PORT_NAMES.relay: {
      // The tab comes from the browser's record of the sender, never from the message.
      const tabId = port.sender?.tab?.id;
      if (tabId === undefined || port.sender?.id !== browser.runtime.id) return port.disconnect();
      port.onMessage.addListener((message: unknown) => {
        if (isRelayToBackground(message)) captureHub.record(tabId, message.events);
        else reject();
      });
      return;
    }
    case PORT_NAMES.popup:
      if (!isExtensionPage(port)) return port.disconnect();
      return popupHub.addPopup(createPortChannel<BackgroundToPopup, PopupToBackground>(port, isPopupToBackground, reject));
    case PORT_NAMES.panel:
      if (!isExtensionPage(port)) return port.disconnect();
      return captureHub.addPanel(createPortChannel<BackgroundToPanel, PanelToBackground>(port, isPanelToBackground, reject));
    default:
      port.disconnect();
  }
});

browser.tabs.onRemoved.addListener((tabId) => captureHub.forgetTab(tabId));

// Read by the e2e tests through serviceWorker.evaluate / getBackgroundPage().
Object.assign(globalThis, { socketScopeDebug: { captureHub, connections, rejected } });
