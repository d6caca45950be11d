import type { Channel } from '../core/channel';
import { chunkEvents } from '../core/event-chunks';
import type { BackgroundToPopup, PopupToBackground, SocketEvent } from '../protocol';
import type { ConnectionManager } from './connection-manager';

export type PopupChannel = Channel<BackgroundToPopup, PopupToBackground>;

/** How long events gather before one update goes to the popups (keeps 10k msg/s cheap). */
const UPDATE_INTERVAL_MS = 16;
/** Events per snapshot message. */
const SNAPSHOT_CHUNK = 5_000;

/** Serves popups (any number, each a port) from the one connection manager. */
export function createPopupHub(manager: ConnectionManager) {
  const popups = new Set<PopupChannel>();
  let pending: SocketEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    const events = pending;
    pending = [];
    const update: BackgroundToPopup = {
      source: 'socket-scope-background',
      type: 'popup-update',
      connections: manager.summaries(),
      events,
    };
    for (const popup of popups) popup.post(update);
  };

  manager.onChange((events) => {
    for (const e of events) pending.push(e);
    timer ??= setTimeout(flush, UPDATE_INTERVAL_MS);
  });

  const fail = (popup: PopupChannel, message: string) =>
    popup.post({ source: 'socket-scope-background', type: 'popup-error', message });

  const snapshot = (popup: PopupChannel) => {
    // Anything still pending is already in the log, hence in the snapshot: send it now so
    // that this popup does not receive those events twice.
    if (timer !== null) {
      clearTimeout(timer);
      flush();
    }
    // In chunks within the protocol's limits: a log of 100,000 entries is one snapshot and updates.
    const connections = manager.summaries();
    const chunks = chunkEvents(manager.events(), SNAPSHOT_CHUNK);
    popup.post({ source: 'socket-scope-background', type: 'popup-snapshot', connections, events: chunks[0] ?? [] });
    for (const events of chunks.slice(1))
      popup.post({ source: 'socket-scope-background', type: 'popup-update', connections, events });
  };

  /** After a change that removes events (clear, remove, lower limit), every popup resyncs. */
  const resyncAll = (result: { ok: true } | { ok: false; error: string }, popup: PopupChannel) => {
    if (!result.ok) return fail(popup, result.error);
    for (const p of popups) snapshot(p);
  };

  return {
    addPopup(popup: PopupChannel) {
      popups.add(popup);
      popup.onDisconnect(() => popups.delete(popup));
      popup.onMessage((message) => {
        switch (message.type) {
          case 'hello':
            snapshot(popup);
            break;
          case 'connect': {
            const result = manager.connect(
              message.url,
              message.protocols,
              message.autoReconnect ?? false,
              message.headers ?? [],
            );
            if (!result.ok) fail(popup, result.error);
            break;
          }
          case 'send': {
            const result = manager.send(message.connectionId, message.payload);
            if (!result.ok) fail(popup, result.error);
            break;
          }
          case 'clear-log':
            resyncAll(manager.clearLog(message.connectionId), popup);
            break;
          case 'remove':
            resyncAll(manager.remove(message.connectionId), popup);
            break;
          case 'set-log-limit':
            resyncAll(manager.setLogLimit(message.connectionId, message.maxFrames), popup);
            break;
          case 'start-repeat': {
            const result = manager.startRepeat(message.connectionId, message.plan);
            if (!result.ok) fail(popup, result.error);
            break;
          }
          case 'stop-repeat':
            manager.stopRepeat(message.connectionId);
            break;
          case 'disconnect': {
            const result = manager.disconnect(message.connectionId, message.code, message.reason);
            if (!result.ok) fail(popup, result.error);
            break;
          }
        }
      });
    },
  };
}
