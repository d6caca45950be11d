import { createInOrder } from '../core/in-order';
import { createSaveAcks } from '../core/save-acks';
import type { Runtime } from '../extension/browser';
import { createPortChannel } from '../extension/port-channel';
import { readRelayMessage, type BackgroundToRelay, type RelayCapture } from '../protocol';
import type { CaptureLifecycle } from './capture-lifecycle';
import { readBlobs, toSocketEvents, type BytesEvent } from './hook-events';
import type { PageCommandRouter, RelayChannel } from './page-commands';

/**
 * The background's end of one frame's relay port, where a captured frame arrives from the
 * page: each message is read (split and checked), its Blobs read in order, its events turned
 * into SocketEvents and recorded for the tab, and the relay told once they are saved.
 *
 * `tabId` comes from the browser's record of the port's sender, never from a message.
 */
export function serveRelay(
  port: Runtime.Port,
  tabId: number,
  capture: CaptureLifecycle,
  pageCommands: PageCommandRouter,
  onRejected: (message: unknown) => void,
): void {
  const relay: RelayChannel = createPortChannel<BackgroundToRelay, RelayCapture>(port, readRelayMessage, onRejected);
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
  relay.onMessage(({ seq, events: raw }) => {
    const events = readBlobs(raw);
    record(events instanceof Promise ? events.then((read) => ({ seq, events: read })) : { seq, events });
  });
}
