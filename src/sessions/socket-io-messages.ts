import type { SessionStatusBase } from './types';
import { hasShape, isArrayOf, isInteger, isOneOf, isString, optional } from './guards';

/** How a Socket.IO session connects: the Engine.IO version and the namespace to join. */
export interface SocketIoOptions {
  readonly protocol: 'socket.io';
  /** 3: Socket.IO v2 servers; 4: Socket.IO v3 and v4 servers. */
  readonly engineIo: 3 | 4;
  /** '/' or '/name'. */
  readonly namespace: string;
  /** JSON object sent with the namespace CONNECT ('' for none). Engine.IO 4 only: v2 servers read auth from the query. */
  readonly authJson: string;
  readonly handshakeTimeoutMs?: number;
}

export type SocketIoCommand =
  | {
      readonly protocol: 'socket.io';
      readonly type: 'emit';
      readonly event: string;
      /** The arguments as a JSON array ('' for none). */
      readonly argsJson: string;
      /** Binary arguments (base64), sent as attachments after the JSON ones. */
      readonly binaryArgs?: readonly string[];
      /** Ask the server for an acknowledgement and wait this long for it. */
      readonly ackTimeoutMs?: number;
    }
  /** Answers an event the server sent with an ack id. */
  | { readonly protocol: 'socket.io'; readonly type: 'ack'; readonly ackId: number; readonly argsJson: string }
  /** Leaves the namespace (DISCONNECT packet), then closes the socket. */
  | { readonly protocol: 'socket.io'; readonly type: 'disconnect' };

export interface SocketIoEvent {
  readonly at: number;
  readonly event: string;
  /** The arguments as JSON text (attachments as {"_binary":{bytes,base64}}), clipped. */
  readonly argsText: string;
  /** The server asks for an acknowledgement with this id. */
  readonly ackId?: number;
}

export interface SocketIoAck {
  readonly id: number;
  readonly event: string;
  readonly sentAt: number;
  /** pending: no reply yet; timeout: none came in time; closed: the socket closed first; dropped: over the cap. */
  readonly outcome: 'pending' | 'reply' | 'timeout' | 'closed' | 'dropped';
  readonly replyText?: string;
  readonly ms?: number;
}

export interface SocketIoStatus extends SessionStatusBase {
  readonly protocol: 'socket.io';
  readonly engineIo: 3 | 4;
  /** Engine.IO session id from the open packet. */
  readonly sid: string | null;
  readonly namespace: string;
  readonly namespaceConnected: boolean;
  readonly pingInterval: number | null;
  readonly pingTimeout: number | null;
  /** Acks asked for, newest last: pending ones and the outcome of finished ones. */
  readonly acks: readonly SocketIoAck[];
  readonly events: readonly SocketIoEvent[];
}

const MAX_TIMEOUT = 10 * 60_000;

export const isSocketIoOptions = (x: unknown): x is SocketIoOptions =>
  hasShape(x, {
    protocol: isOneOf('socket.io'),
    engineIo: isOneOf(3, 4),
    namespace: isString,
    authJson: isString,
    handshakeTimeoutMs: optional((v): v is number => isInteger(v, 1, MAX_TIMEOUT)),
  });

export function isSocketIoCommand(x: unknown): x is SocketIoCommand {
  if (!hasShape(x, { protocol: isOneOf('socket.io'), type: isString })) return false;
  switch (x.type) {
    case 'emit':
      return hasShape(x, {
        event: isString,
        argsJson: isString,
        binaryArgs: optional(isArrayOf(isString, 64)),
        ackTimeoutMs: optional((v): v is number => isInteger(v, 1, MAX_TIMEOUT)),
      });
    case 'ack':
      return hasShape(x, { ackId: (v) => isInteger(v, 0, Number.MAX_SAFE_INTEGER), argsJson: isString });
    case 'disconnect':
      return true;
    default:
      return false;
  }
}
