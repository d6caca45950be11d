/**
 * Hook events into SocketEvents, in the background: a relay's batch arrives split and checked
 * (protocol/hook-wire.ts parseHookBatch); its Blobs are read here (readBlobs) and its binary
 * payloads turned into base64 (toSocketEvents), off the page's thread.
 */
import { bytesToBase64 } from '../core/bytes';
import {
  FIELDS,
  type HookEvent,
  type HookFrameMark,
  type HookPayload,
  type RelayEvent,
  type SocketEvent,
  type WirePayload,
} from '../protocol';

/** A relay event once its Blobs are read. */
export type BytesEvent = HookEvent<string | ArrayBuffer>;

const F = FIELDS.frame;

function holdsBlob(event: RelayEvent): boolean {
  if (event[0] !== 'frame') return false;
  const mark = event[F.mark];
  return event[F.data] instanceof Blob || (mark?.kind === 'replaced' && mark.original instanceof Blob);
}

const readPayload = async (data: HookPayload): Promise<string | ArrayBuffer> =>
  data instanceof Blob ? data.arrayBuffer() : data;

async function readEvent(event: RelayEvent): Promise<BytesEvent> {
  if (event[0] !== 'frame' || !holdsBlob(event)) return event as BytesEvent;
  const data = await readPayload(event[F.data]);
  const mark = event[F.mark];
  const read = (m: HookFrameMark<string | ArrayBuffer> | undefined): BytesEvent => [
    'frame',
    event[F.socketId],
    event[F.time],
    event[F.direction],
    data,
    m,
  ];
  if (mark?.kind !== 'replaced') return read(mark);
  return read({ ...mark, original: await readPayload(mark.original) });
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

/** Tuples are read by offset, not destructured: array destructuring goes through the iterator protocol. */
export function toSocketEvent(event: BytesEvent): SocketEvent {
  switch (event[0]) {
    case 'frame': {
      const frame = {
        type: 'frame',
        socketId: event[F.socketId],
        time: event[F.time],
        direction: event[F.direction],
        payload: toWirePayload(event[F.data]),
      } as const;
      const mark = event[F.mark];
      if (!mark) return frame;
      if (mark.kind !== 'replaced') return { ...frame, mark };
      return { ...frame, mark: { ...mark, original: toWirePayload(mark.original) } };
    }
    case 'created': {
      const f = FIELDS.created;
      return {
        type: 'created',
        socketId: event[f.socketId],
        time: event[f.time],
        url: event[f.url],
        protocols: event[f.protocols],
        frameUrl: event[f.frameUrl],
        initiator: event[f.stack],
      };
    }
    case 'open': {
      const f = FIELDS.open;
      const socketId = event[f.socketId];
      return {
        type: 'open',
        socketId,
        time: event[f.time],
        protocol: event[f.protocol],
        extensions: event[f.extensions],
      };
    }
    case 'error': {
      const f = FIELDS.error;
      const message = event[f.simulated] ? 'Simulated error (from the panel)' : 'WebSocket error';
      return { type: 'error', socketId: event[f.socketId], time: event[f.time], message };
    }
    case 'close': {
      const f = FIELDS.close;
      const base = { type: 'close', socketId: event[f.socketId], time: event[f.time] } as const;
      return { ...base, code: event[f.code], reason: event[f.reason], wasClean: event[f.wasClean] };
    }
  }
}
