import type { WirePayload } from '../protocol';
import { base64ByteLength, base64ToBytes, bytesToBase64 } from '../core/bytes';
import { parseSocketIoHead, type SocketIoPacketHead } from '../core/decoders/socket-io-packet';
import type { FrameClass } from './types';

/**
 * Engine.IO framing (https://github.com/socketio/engine.io-protocol) and Socket.IO packets
 * (https://github.com/socketio/socket.io-protocol) as a client writes and reads them.
 */

export const SOCKET_IO = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
};

/** `4` (message) + `<type>[<n>-][<nsp>,][<id>]<json>`. The root namespace is written as nothing. */
export function socketIoText(type: number, namespace: string, data: string, ackId?: number, attachments?: number) {
  const count = attachments === undefined ? '' : `${attachments}-`;
  const nsp = namespace === '/' ? '' : `${namespace},`;
  return `4${type}${count}${nsp}${ackId ?? ''}${data}`;
}

/**
 * An attachment frame. Engine.IO 4 sends the bytes as they are; Engine.IO 3 prefixes a binary
 * message with its packet type byte, 4 (engine.io-protocol v3 § Encoding, binary).
 */
export function attachmentFrame(base64: string, engineIo: 3 | 4): WirePayload {
  if (engineIo === 4) return { kind: 'binary', base64 };
  const bytes = base64ToBytes(base64);
  const framed = new Uint8Array(bytes.length + 1);
  framed[0] = 4;
  framed.set(bytes, 1);
  return { kind: 'binary', base64: bytesToBase64(framed) };
}

/** The attachment bytes of a binary frame, as base64. */
export function attachmentOf(base64: string, engineIo: 3 | 4): string | null {
  if (engineIo === 4) return base64;
  const bytes = base64ToBytes(base64);
  return bytes[0] === 4 ? bytesToBase64(bytes.subarray(1)) : null;
}

export type EngineFrame =
  | { readonly kind: 'open'; readonly data: string }
  | { readonly kind: 'close' | 'ping' | 'pong' | 'upgrade' | 'noop'; readonly data: string }
  | { readonly kind: 'packet'; readonly head: SocketIoPacketHead }
  | { readonly kind: 'attachment'; readonly base64: string }
  | { readonly kind: 'malformed'; readonly error: string };

const ENGINE_KINDS = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export function readEngineFrame(payload: WirePayload, engineIo: 3 | 4): EngineFrame {
  if (payload.kind === 'binary') {
    try {
      const base64 = attachmentOf(payload.base64, engineIo);
      return base64 === null
        ? { kind: 'malformed', error: 'binary frame is not a message' }
        : { kind: 'attachment', base64 };
    } catch {
      return { kind: 'malformed', error: 'binary frame is not valid base64' };
    }
  }
  const kind = ENGINE_KINDS[payload.text.charCodeAt(0) - 48];
  const data = payload.text.slice(1);
  if (!kind) return { kind: 'malformed', error: `unknown Engine.IO packet type "${payload.text.slice(0, 1)}"` };
  if (kind !== 'message') return { kind, data };
  const head = parseSocketIoHead(data);
  return typeof head === 'string' ? { kind: 'malformed', error: head } : { kind: 'packet', head };
}

export function classifySocketIo(payload: WirePayload, engineIo: 3 | 4): FrameClass {
  const frame = readEngineFrame(payload, engineIo);
  switch (frame.kind) {
    case 'open':
      return 'handshake';
    case 'ping':
    case 'pong':
      return 'heartbeat';
    case 'close':
    case 'upgrade':
    case 'noop':
      return 'control';
    case 'attachment':
      return 'message';
    case 'malformed':
      return 'unknown';
    case 'packet':
      if (frame.head.type === SOCKET_IO.CONNECT) return 'handshake';
      if (frame.head.type === SOCKET_IO.CONNECT_ERROR) return 'error';
      return frame.head.type === SOCKET_IO.DISCONNECT ? 'control' : 'message';
  }
}

/** JSON arguments with `{_placeholder:true,num}` replaced by the attachment for display. */
export function withAttachments(value: unknown, attachments: readonly string[], depth = 0): unknown {
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => withAttachments(item, attachments, depth + 1));
  const record = value as Record<string, unknown>;
  if (record._placeholder === true && typeof record.num === 'number') {
    const base64 = attachments[record.num] ?? '';
    return { _binary: { bytes: base64ByteLength(base64), base64 } };
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = withAttachments(record[key], attachments, depth + 1);
  return out;
}
