import {
  LIMITS,
  forEachHookEvent,
  type HookEvent,
  type RelayEvent,
  type RelayPayload,
  type SocketEvent,
  type WirePayload,
} from '../protocol';
import { bytesToBase64 } from './bytes';

/*
 * The capture transport between the relay (on the page's main thread) and the background. The
 * relay forwards the hook's batches nearly as they are (toRelayBatch); the background splits and
 * checks them (protocol.ts relayEventsOf), reads their Blobs (readBlobs) and turns the events into
 * SocketEvents, binary as base64 (toSocketEvents).
 */

/**
 * Readies the relay's own copy of a hook batch for the port, in place: creation stacks cut to
 * the page's frames. `visit` sees each event in the same walk (the relay tracks its sockets
 * there). False when it is not a batch (forEachHookEvent).
 */
export function toRelayBatch(batch: unknown[], visit?: (type: HookEvent[0], start: number) => void): boolean {
  return forEachHookEvent(batch, (type, start) => {
    const stack = batch[start + 6];
    if (type === 'created' && typeof stack === 'string') batch[start + 6] = pageFrames(stack);
    visit?.(type, start);
  });
}

/** A relay event once its Blobs are read. */
export type BytesEvent = HookEvent<string | ArrayBuffer>;

const holdsBlob = (event: RelayEvent) =>
  event[0] === 'frame' &&
  (event[4] instanceof Blob || (event[5]?.kind === 'replaced' && event[5].original instanceof Blob));

const readPayload = async (data: RelayPayload): Promise<string | ArrayBuffer> =>
  data instanceof Blob ? data.arrayBuffer() : data;

async function readEvent(event: RelayEvent): Promise<BytesEvent> {
  if (!holdsBlob(event) || event[0] !== 'frame') return event as BytesEvent;
  const data = await readPayload(event[4]);
  const mark = event[5];
  if (mark?.kind !== 'replaced') return [event[0], event[1], event[2], event[3], data, mark];
  return [event[0], event[1], event[2], event[3], data, { ...mark, original: await readPayload(mark.original) }];
}

/** The batch with its Blobs read into ArrayBuffers: at once when it holds none (the common case). */
export function readBlobs(events: readonly RelayEvent[]): readonly BytesEvent[] | Promise<BytesEvent[]> {
  return events.some(holdsBlob) ? Promise.all(events.map(readEvent)) : (events as readonly BytesEvent[]);
}

export function toSocketEvents(events: readonly BytesEvent[]): SocketEvent[] {
  const out = new Array<SocketEvent>(events.length);
  for (let i = 0; i < events.length; i++) out[i] = toSocketEvent(events[i]!);
  return out;
}

function toWirePayload(data: string | ArrayBuffer): WirePayload {
  return typeof data === 'string'
    ? { kind: 'text', text: data }
    : { kind: 'binary', base64: bytesToBase64(new Uint8Array(data)) };
}

/** Tuples are read by index, not destructured: array destructuring goes through the iterator protocol. */
export function toSocketEvent(event: BytesEvent): SocketEvent {
  switch (event[0]) {
    case 'frame': {
      const frame = {
        type: 'frame',
        socketId: event[1],
        time: event[2],
        direction: event[3],
        payload: toWirePayload(event[4]),
      } as const;
      const mark = event[5];
      if (!mark) return frame;
      if (mark.kind !== 'replaced') return { ...frame, mark };
      return { ...frame, mark: { ...mark, original: toWirePayload(mark.original) } };
    }
    case 'created':
      return {
        type: 'created',
        socketId: event[1],
        time: event[2],
        url: event[3],
        protocols: event[4],
        frameUrl: event[5],
        initiator: event[6],
      };
    case 'open':
      return { type: 'open', socketId: event[1], time: event[2], protocol: event[3], extensions: event[4] };
    case 'error':
      return {
        type: 'error',
        socketId: event[1],
        time: event[2],
        message: event[3] ? 'Simulated error (from the panel)' : 'WebSocket error',
      };
    case 'close':
      return {
        type: 'close',
        socketId: event[1],
        time: event[2],
        code: event[3],
        reason: event[4],
        wasClean: event[5],
      };
  }
}

/**
 * The page's part of a stack taken in the hook: no "Error" line, no frames of the hook itself,
 * within the protocol's limit (a page may raise `Error.stackTraceLimit`). The hook's frames are
 * the top ones: "/hook.js" in Chrome, "<anonymous code>" in Firefox (its name for a MAIN-world
 * content script), which below them could also be a page's.
 */
function pageFrames(stack: string): string {
  const lines = stack
    .split('\n')
    .filter((line) => line.trim() !== '' && line.trim() !== 'Error' && !line.includes('/hook.js'));
  let first = 0;
  while (first < lines.length && lines[first]!.includes('@<anonymous code>:')) first++;
  return lines
    .slice(first, first + 30)
    .join('\n')
    .slice(0, LIMITS.maxStackLength);
}
