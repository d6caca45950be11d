/**
 * Background entry (Chrome service worker / Firefox event page): only wiring. Each port is
 * routed by its name to the module that serves it, once its sender is checked.
 */
import { browser, type Runtime } from '../extension/browser';
import { accept, createPortChannel } from '../extension/port-channel';
import {
  PORT_NAMES,
  isOffscreenToBackground,
  isPanelToBackground,
  isPopupToBackground,
  type BackgroundToOffscreen,
  type BackgroundToPanel,
  type BackgroundToPopup,
  type OffscreenToBackground,
  type PanelToBackground,
  type PopupToBackground,
} from '../protocol';
import { createCaptureHub } from './capture-hub';
import { manageCapture } from './capture-lifecycle';
import { createConnectionManager } from './connection-manager';
import { exposeDebugSurface } from './debug-surface';
import { createHeaderRules, type SessionRulesApi } from './header-rules';
import { createKeepAlive } from './keep-alive';
import { offscreenApi, startOffscreenDocument } from './offscreen-document';
import { createOffscreenSockets } from './offscreen-sockets';
import { createPageCommandRouter } from './page-commands';
import { servePanel } from './panel-port';
import { createPopupHub } from './popup-hub';
import { serveRelay } from './relay-port';

const captureHub = createCaptureHub();
const capture = manageCapture(captureHub);
const pageCommands = createPageCommandRouter();
const headerRules = createHeaderRules(
  () => (browser as unknown as { declarativeNetRequest?: SessionRulesApi }).declarativeNetRequest,
);
// Chrome: sockets with handshake headers are opened in an offscreen document (see offscreen.ts).
const offscreen = offscreenApi();
const offscreenSockets = offscreen ? createOffscreenSockets(() => startOffscreenDocument(offscreen)) : null;
const connections = createConnectionManager(
  (url, protocols) => new WebSocket(url, protocols),
  undefined,
  undefined,
  undefined,
  {
    apply: (url, headers) => headerRules.apply(url, headers),
    ...(offscreenSockets ? { createSocket: offscreenSockets.create } : {}),
  },
);
const popupHub = createPopupHub(connections);
// While a popup connection is open or opening, keep the background alive (see keep-alive.ts).
const keepAlive = createKeepAlive(
  () => connections.summaries().some((c) => c.state !== 'closed' || c.reconnectAt !== null),
  () => browser.runtime.getPlatformInfo(),
);
connections.onChange((events) => {
  if (events.length === 0 || events.some((e) => e.type !== 'frame')) keepAlive.update();
});

/** Messages that failed their guard; kept for diagnostics (and tests). */
const rejected = { count: 0 };
const reject = () => {
  rejected.count++;
};

const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
const isOurs = (port: Runtime.Port) => port.sender?.id === browser.runtime.id;
const isExtensionPage = (port: Runtime.Port) =>
  isOurs(port) && typeof port.sender?.url === 'string' && new URL(port.sender.url).origin === extensionOrigin;
const isOffscreenDocument = (port: Runtime.Port) =>
  isOurs(port) && port.sender?.url === browser.runtime.getURL('offscreen.html');

browser.runtime.onConnect.addListener((port) => {
  switch (port.name) {
    case PORT_NAMES.relay: {
      // The tab comes from the browser's record of the sender, never from the message.
      const tabId = port.sender?.tab?.id;
      if (tabId === undefined || !isOurs(port)) return port.disconnect();
      return serveRelay(port, tabId, capture, pageCommands, reject);
    }
    case PORT_NAMES.popup:
      if (!isExtensionPage(port)) return port.disconnect();
      return popupHub.addPopup(
        createPortChannel<BackgroundToPopup, PopupToBackground>(port, accept(isPopupToBackground), reject),
      );
    case PORT_NAMES.panel:
      if (!isExtensionPage(port)) return port.disconnect();
      return servePanel(
        createPortChannel<BackgroundToPanel, PanelToBackground>(port, accept(isPanelToBackground), reject),
        captureHub,
        pageCommands,
      );
    case PORT_NAMES.offscreen:
      if (!offscreenSockets || !isOffscreenDocument(port)) return port.disconnect();
      return offscreenSockets.attach(
        createPortChannel<BackgroundToOffscreen, OffscreenToBackground>(port, accept(isOffscreenToBackground), reject),
      );
    default:
      port.disconnect();
  }
});

browser.tabs.onRemoved.addListener((tabId) => pageCommands.forgetTab(tabId));

exposeDebugSurface({ captureHub, capture, connections, rejected, keepAlive, pageCommands, offscreenSockets });
