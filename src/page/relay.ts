/**
 * Relay: ISOLATED-world content script. Receives batches from the page hook over the secret
 * CustomEvent channel, turns raw payloads into exact-bytes wire payloads (reading Blobs without
 * reordering), and forwards them to the background over one runtime port.
 */
import { browser, type Runtime } from '../extension/browser';
import { LIMITS, PORT_NAMES, type HookEvent, type RelayToBackground, type SocketEvent } from '../protocol';
import { bytesToBase64 } from '../core/bytes';
import { readHookBatch } from './read-hook-batch';

declare const __HOOK_EVENT__: string;

let port: Runtime.Port | null = null;
let invalidated = false;

function connect(): Runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: PORT_NAMES.relay });
  // The background may restart (service worker stopped); reconnect on the next batch.
  opened.onDisconnect.addListener(() => {
    if (port === opened) port = null;
  });
  port = opened;
  return opened;
}

async function toSocketEvent(event: HookEvent): Promise<SocketEvent> {
  if (event.type !== 'frame') return event;
  const { data, ...rest } = event;
  if (typeof data === 'string') return { ...rest, payload: { kind: 'text', text: data } };
  const buffer = data instanceof ArrayBuffer ? data : await data.arrayBuffer();
  return { ...rest, payload: { kind: 'binary', base64: bytesToBase64(new Uint8Array(buffer)) } };
}

/** Splits a batch so that no message exceeds the protocol's event or byte limits. */
function* chunks(events: SocketEvent[]): Generator<SocketEvent[]> {
  let chunk: SocketEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = event.type === 'frame' ? (event.payload.kind === 'text' ? event.payload.text.length : event.payload.base64.length) : 0;
    if (chunk.length > 0 && (chunk.length === LIMITS.maxEventsPerMessage || bytes + size > LIMITS.maxMessageBytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(event);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function post(events: SocketEvent[]): void {
  if (invalidated || events.length === 0) return;
  try {
    const target = connect();
    for (const chunk of chunks(events)) {
      const message: RelayToBackground = { source: 'socket-scope-relay', type: 'capture', events: chunk };
      target.postMessage(message);
    }
  } catch {
    // "Extension context invalidated": the extension was updated or removed under this page.
    // Stop forwarding; the page keeps working untouched.
    invalidated = true;
  }
}

// Batches are converted one after another so that a Blob read never reorders frames.
let pending: Promise<void> = Promise.resolve();

window.addEventListener(__HOOK_EVENT__, (e) => {
  const batch = readHookBatch(e as CustomEvent);
  if (!batch) return;
  pending = pending
    .then(() => Promise.all(batch.map(toSocketEvent)))
    .then(post, (error: unknown) => console.warn('Socket Scope: could not read a captured frame', error));
});
