import type { Channel } from '../core/channel';
import { chunkEvents } from '../core/event-chunks';
import { VERSION_MISMATCH_TEXT } from '../core/requests';
import {
  PROTOCOL_VERSION,
  replyTo,
  type BackgroundToPopup,
  type PopupToBackground,
  type ReplyResult,
  type SocketEvent,
} from '../protocol';
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
  const resyncAll = (result: ReplyResult): ReplyResult => {
    if (result.ok) for (const p of popups) snapshot(p);
    return result;
  };

  /** What a request does; its result is the reply. */
  const handle = (popup: PopupChannel, message: PopupToBackground): ReplyResult => {
    switch (message.type) {
      case 'hello':
        // Updates go only to popups that said hello in this version: they start from a snapshot.
        if (message.version !== PROTOCOL_VERSION) return { ok: false, error: VERSION_MISMATCH_TEXT };
        popups.add(popup);
        snapshot(popup);
        return { ok: true };
      case 'connect':
        return manager.connect(message.url, message.protocols, message.autoReconnect ?? false, message.headers ?? []);
      case 'send':
        return manager.send(message.connectionId, message.payload);
      case 'clear-log':
        return resyncAll(manager.clearLog(message.connectionId));
      case 'remove':
        return resyncAll(manager.remove(message.connectionId));
      case 'set-log-limit':
        return resyncAll(manager.setLogLimit(message.connectionId, message.maxFrames));
      case 'start-repeat':
        return manager.startRepeat(message.connectionId, message.plan);
      case 'stop-repeat':
        return manager.stopRepeat(message.connectionId);
      case 'disconnect':
        return manager.disconnect(message.connectionId, message.code, message.reason);
    }
  };

  return {
    addPopup(popup: PopupChannel) {
      popup.onDisconnect(() => popups.delete(popup));
      popup.onMessage((message) => {
        const result = handle(popup, message);
        const mismatch = message.type === 'hello' && !result.ok;
        popup.post(replyTo(message.id, result, mismatch));
      });
    },
  };
}
