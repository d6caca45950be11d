/**
 * Relay: ISOLATED-world content script. Receives batches from the page hook over the secret
 * CustomEvent channel and forwards them to the background over one runtime port, as the hook
 * made them (relay-batch.ts only trims creation stacks). It does as little as it can per frame:
 * it runs on the page's main thread; the background splits and checks the batch and reads its
 * Blobs (background/relay-port.ts). Commands from the background (panel actions) go the other
 * way, to the hook, over a second secret event type.
 */
import { createUnsavedChunks } from '../core/unsaved-chunks';
import { browser, type Runtime } from '../extension/browser';
import {
  FIELDS,
  PORT_NAMES,
  chunkHookBatch,
  isBackgroundToRelay,
  type FrameRule,
  type HookBatch,
  type HookCommand,
  type RelayToBackground,
} from '../protocol';
import { rulesForSockets, toHookCommand } from './hook-payload';
import { readHookBatch, readyBatch, toPageWorld } from './relay-batch';

declare const __HOOK_EVENT__: string;
declare const __COMMAND_EVENT__: string;

let port: Runtime.Port | null = null;
let invalidated = false;
/** Sent and not yet saved by the background: sent again if it stops first. */
const unsaved = createUnsavedChunks<HookBatch>();
/**
 * Ports that went down with messages unconfirmed, in a row. A background that refuses this
 * frame's port (no tab) would otherwise be asked again and again.
 */
let failedResends = 0;
const MAX_FAILED_RESENDS = 3;
/**
 * Events per message at most, well under the protocol's limit. A page in a background tab gets
 * its timers throttled to once a second, so the hook's batch then holds a second of frames
 * (10,000 at 10,000 msg/s); sent whole, it made tasks of 60-100 ms in the background and the
 * panel, which share a thread in Firefox.
 */
const MESSAGE_EVENTS = 1_000;

/** URLs of this frame's sockets (from their `created` events): for origins and rule matching. */
const socketUrls = new Map<string, string>();
/** The tab's rules as the panel last set them; re-sent to the hook as sockets come and go. */
let rules: readonly FrameRule[] = [];

function toHook(command: HookCommand): void {
  window.dispatchEvent(new CustomEvent(__COMMAND_EVENT__, { detail: toPageWorld(command) }));
}

function fromBackground(message: unknown): void {
  if (!isBackgroundToRelay(message)) return;
  if (message.type === 'saved') {
    unsaved.saved(message.seq);
    failedResends = 0;
    return;
  }
  const command = message.command;
  if (command.type === 'set-rules') {
    rules = command.rules;
    return toHook({ type: 'set-rules', rules: rulesForSockets(rules, socketUrls) });
  }
  const hookCommand = toHookCommand(command, socketUrls);
  if (hookCommand) toHook(hookCommand);
}

/**
 * Readies a batch (readyBatch) and keeps socket URLs current in the same walk; a new socket
 * gets the rules that match its URL. False when it is not a batch.
 */
function readySockets(batch: unknown[]): boolean {
  let created = false;
  // Per event on the page's thread: frames (nearly all of them) cost one comparison here.
  const ok = readyBatch(batch, (type, start) => {
    if (type === 'created') {
      // Read before they are checked (that is the background's work): strings, or they fail there.
      socketUrls.set(String(batch[start + FIELDS.created.socketId]), String(batch[start + FIELDS.created.url]));
      created = true;
    } else if (type === 'close') socketUrls.delete(String(batch[start + FIELDS.close.socketId]));
  });
  if (created && rules.length > 0) toHook({ type: 'set-rules', rules: rulesForSockets(rules, socketUrls) });
  return ok;
}

function connect(): Runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: PORT_NAMES.relay });
  opened.onMessage.addListener(fromBackground);
  opened.onDisconnect.addListener(() => {
    if (port !== opened) return;
    port = null;
    // The background stopped (idle, restart). Nothing unconfirmed: reconnect on the next batch,
    // so that it may sleep. Otherwise now, which wakes it, so the capture has no hole.
    if (unsaved.entries().length > 0) resend();
  });
  port = opened;
  return opened;
}

const send = (target: Runtime.Port, seq: number, batch: HookBatch) =>
  target.postMessage({ source: 'socket-scope-relay', type: 'capture', seq, batch } satisfies RelayToBackground);

/** Everything unconfirmed, again, on a new port. */
function resend(): void {
  port = null; // gone, or refusing messages: the next connect() opens a new one
  if (++failedResends > MAX_FAILED_RESENDS) return unsaved.clear();
  try {
    const target = connect();
    for (const { seq, chunk } of unsaved.entries()) send(target, seq, chunk);
  } catch {
    stop();
  }
}

/**
 * "Extension context invalidated": the extension was updated or removed under this page. Stop
 * forwarding; the page keeps working untouched.
 */
function stop(): void {
  invalidated = true;
  port = null;
  unsaved.clear();
}

function post(batch: HookBatch): void {
  if (invalidated || batch.length === 0) return;
  let target: Runtime.Port | null;
  try {
    target = connect();
  } catch {
    return stop();
  }
  for (const { batch: chunk, held } of chunkHookBatch(batch, MESSAGE_EVENTS)) {
    const seq = unsaved.add(chunk, held);
    try {
      if (target) send(target, seq, chunk);
    } catch {
      // The port's far end is gone and its disconnect has not arrived yet: the chunks are kept,
      // and go with the rest on a new port.
      target = null;
    }
  }
  if (!target) resend();
}

window.addEventListener(__HOOK_EVENT__, (e) => {
  const batch = readHookBatch(e as CustomEvent);
  if (batch && readySockets(batch)) post(batch);
});
