/**
 * Background entry (Chrome service worker / Firefox event page): only wiring.
 * Routes ports by name, checks every sender, and hands validated messages to the hubs.
 */
import { createInOrder } from '../core/in-order';
import { readBlobs, toSocketEvents, type BytesEvent } from '../core/relay-events';
import { createSaveAcks } from '../core/save-acks';
import { browser, type Runtime } from '../extension/browser';
import { createPortChannel } from '../extension/port-channel';
import {
  PORT_NAMES,
  isPanelToBackground,
  isPopupToBackground,
  isRelayToBackground,
  relayEventsOf,
  isOffscreenToBackground,
  type BackgroundToOffscreen,
  type OffscreenToBackground,
  type BackgroundToPanel,
  type BackgroundToRelay,
  type RelayToBackground,
  type BackgroundToPopup,
  type PanelToBackground,
  type PopupToBackground,
} from '../protocol';
import { createCaptureHub } from './capture-hub';
import { manageCapture } from './capture-lifecycle';
import { createConnectionManager } from './connection-manager';
import { createHeaderRules, type SessionRulesApi } from './header-rules';
import { createKeepAlive } from './keep-alive';
import { offscreenApi, startOffscreenDocument } from './offscreen-document';
import { createOffscreenSockets } from './offscreen-sockets';
import { createPageCommandRouter } from './page-commands';
import { createPopupHub } from './popup-hub';

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
const isExtensionPage = (port: Runtime.Port) =>
  port.sender?.id === browser.runtime.id &&
  typeof port.sender.url === 'string' &&
  new URL(port.sender.url).origin === extensionOrigin;
const isOffscreenDocument = (port: Runtime.Port) =>
  port.sender?.id === browser.runtime.id && port.sender.url === browser.runtime.getURL('offscreen.html');

browser.runtime.onConnect.addListener((port) => {
  switch (port.name) {
    case PORT_NAMES.relay: {
      // The tab comes from the browser's record of the sender, never from the message.
      const tabId = port.sender?.tab?.id;
      if (tabId === undefined || port.sender?.id !== browser.runtime.id) return port.disconnect();
      const relay = createPortChannel<BackgroundToRelay, RelayToBackground>(port, isRelayToBackground, reject);
      pageCommands.addRelay(tabId, relay);
      // Once saved, the relay may forget what it sent; until then it sends it again to a
      // background that stopped first.
      const recorded = createSaveAcks(
        () => capture.whenSaved(tabId),
        (seq) => relay.post({ source: 'socket-scope-background', type: 'saved', seq }),
      );
      // Batches holding Blobs are read before they are recorded; later ones wait behind them.
      const record = createInOrder<{ readonly seq: number; readonly events: readonly BytesEvent[] }>(
        ({ seq, events: batch }) => {
          const events = toSocketEvents(batch);
          pageCommands.noteEvents(relay, events);
          capture.record(tabId, events);
          recorded(seq);
        },
        (error) => console.warn('Socket Scope: could not read a captured frame', error),
      );
      // The guard has split and checked the batch; relayEventsOf hands back that result.
      relay.onMessage(({ seq, batch }) => {
        const events = readBlobs(relayEventsOf(batch)!);
        record(events instanceof Promise ? events.then((read) => ({ seq, events: read })) : { seq, events });
      });
      return;
    }
    case PORT_NAMES.popup:
      if (!isExtensionPage(port)) return port.disconnect();
      return popupHub.addPopup(
        createPortChannel<BackgroundToPopup, PopupToBackground>(port, isPopupToBackground, reject),
      );
    case PORT_NAMES.panel: {
      if (!isExtensionPage(port)) return port.disconnect();
      const panel = createPortChannel<BackgroundToPanel, PanelToBackground>(port, isPanelToBackground, reject);
      captureHub.addPanel(panel);
      panel.onMessage((message) => {
        if (message.type === 'subscribe') {
          panel.post({
            source: 'socket-scope-background',
            type: 'rules',
            tabId: message.tabId,
            rules: pageCommands.rulesOf(message.tabId),
          });
        }
        if (message.type !== 'page-command') return;
        const error = pageCommands.run(message.tabId, message.command);
        if (error)
          panel.post({
            source: 'socket-scope-background',
            type: 'command-error',
            tabId: message.tabId,
            message: error,
          });
      });
      return;
    }
    case PORT_NAMES.offscreen:
      if (!offscreenSockets || !isOffscreenDocument(port)) return port.disconnect();
      return offscreenSockets.attach(
        createPortChannel<BackgroundToOffscreen, OffscreenToBackground>(port, isOffscreenToBackground, reject),
      );
    default:
      port.disconnect();
  }
});

browser.tabs.onRemoved.addListener((tabId) => pageCommands.forgetTab(tabId));

// Read by the e2e tests through serviceWorker.evaluate / getBackgroundPage().
Object.assign(globalThis, {
  socketScopeDebug: {
    captureHub,
    capture,
    bootedAt: Date.now(),
    connections,
    rejected,
    keepAlive,
    pageCommands,
    offscreenSockets,
  },
});
