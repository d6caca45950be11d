import { TRUNCATED_VALUE } from '../payload-views';

/** Socket.IO packet syntax (https://github.com/socketio/socket.io-protocol), shared by v4 and v5. */

export const SOCKET_IO_TYPES_V5 = [
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
] as const;
/** Socket.IO v2 (protocol v4) called type 4 ERROR. */
export const SOCKET_IO_TYPES_V4 = [
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
] as const;

export interface SocketIoPacketHead {
  readonly type: number;
  readonly attachments?: number;
  readonly namespace: string;
  readonly ackId?: number;
  /** The JSON text after the header (may be empty). */
  readonly dataText: string;
}

/** Parses `<type>[<attachments>-][/<nsp>,][<ack id>]<json>`; returns a reason when it is not one. */
export function parseSocketIoHead(text: string): SocketIoPacketHead | string {
  const type = text.charCodeAt(0) - 48;
  if (!(type >= 0 && type <= 6)) return `unknown Socket.IO packet type "${text.slice(0, 1)}"`;
  let pos = 1;
  let attachments: number | undefined;
  if (type === 5 || type === 6) {
    const dash = text.indexOf('-', pos);
    const count = text.slice(pos, dash);
    if (dash === -1 || !/^\d{1,6}$/.test(count)) return 'binary packet without an attachment count';
    attachments = Number(count);
    pos = dash + 1;
  }
  let namespace = '/';
  if (text[pos] === '/') {
    const comma = text.indexOf(',', pos);
    // A namespace-only packet (`41/admin`) may end without the comma.
    const end = comma === -1 ? text.length : comma;
    namespace = text.slice(pos, end);
    pos = comma === -1 ? end : end + 1;
  }
  const digits = /^\d{1,16}/.exec(text.slice(pos, pos + 17));
  let ackId: number | undefined;
  if (digits) {
    ackId = Number(digits[0]);
    pos += digits[0].length;
  }
  const head: SocketIoPacketHead = { type, namespace, dataText: text.slice(pos) };
  return { ...head, ...(attachments === undefined ? {} : { attachments }), ...(ackId === undefined ? {} : { ackId }) };
}

const MAX_PLACEHOLDER_DEPTH = 32;

/** Replaces `{"_placeholder":true,"num":N}` with `<attachment N>` for display (to a bounded depth). */
export function markPlaceholders(value: unknown, depth = 0): unknown {
  if (depth > MAX_PLACEHOLDER_DEPTH || value === null || typeof value !== 'object' || value === TRUNCATED_VALUE)
    return value;
  if (Array.isArray(value)) return value.map((item) => markPlaceholders(item, depth + 1));
  const record = value as Record<string, unknown>;
  if (record._placeholder === true && typeof record.num === 'number') return `<attachment ${record.num}>`;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = markPlaceholders(record[key], depth + 1);
  return out;
}
