import type { SessionStatusBase } from './types';
import { hasShape, isArrayOf, isBoolean, isInteger, isOneOf, isString, isStringPair, optional } from './guards';

export type StompHeaders = readonly (readonly [string, string])[];
export type StompAckMode = 'auto' | 'client' | 'client-individual';

/** STOMP 1.2 CONNECT (falls back to 1.1 / 1.0 when the server picks one). */
export interface StompOptions {
  readonly protocol: 'stomp';
  /** The virtual host ('' leaves the header out; 1.2 servers may then refuse). */
  readonly host: string;
  readonly login: string;
  readonly passcode: string;
  /** heart-beat: what the client can send and what it wants, in ms (0 = none). § Heart-beating. */
  readonly heartBeat: { readonly outgoingMs: number; readonly incomingMs: number };
  readonly handshakeTimeoutMs?: number;
}

interface WithReceipt {
  readonly protocol: 'stomp';
  /** Ask the server for a RECEIPT of this frame. */
  readonly receipt?: boolean;
}

export type StompCommand =
  | (WithReceipt & {
      readonly type: 'subscribe';
      readonly destination: string;
      readonly ack?: StompAckMode;
      /** Made up ('sub-N') when absent. */
      readonly id?: string;
      readonly headers?: StompHeaders;
    })
  | (WithReceipt & { readonly type: 'unsubscribe'; readonly id: string })
  | (WithReceipt & {
      readonly type: 'send';
      readonly destination: string;
      readonly body: string;
      /** 'base64': `body` is bytes, sent in a binary frame. */
      readonly bodyEncoding?: 'text' | 'base64';
      readonly contentType?: string;
      readonly headers?: StompHeaders;
    })
  /** `id`: the MESSAGE's `ack` header (1.2) or its `message-id` (1.1). */
  | (WithReceipt & { readonly type: 'ack' | 'nack'; readonly id: string })
  | (WithReceipt & { readonly type: 'disconnect' });

export interface StompMessage {
  readonly at: number;
  readonly subscription: string;
  readonly destination: string;
  readonly messageId: string;
  /** What an ACK or NACK of this message names; absent when its subscription acks by itself. */
  readonly ackId?: string;
  readonly headers: StompHeaders;
  readonly bodyText: string;
}

export interface StompReceipt {
  readonly id: string;
  readonly frame: string;
  readonly sentAt: number;
  readonly outcome: 'pending' | 'received' | 'closed';
  readonly ms?: number;
}

export interface StompStatus extends SessionStatusBase {
  readonly protocol: 'stomp';
  /** Negotiated version from CONNECTED ('1.0' when the server names none). */
  readonly version: string | null;
  readonly server: string | null;
  /** Negotiated heart-beat periods in ms (0 = none), from both sides' headers. */
  readonly heartBeat: { readonly outgoingMs: number; readonly incomingMs: number } | null;
  readonly subscriptions: readonly {
    readonly id: string;
    readonly destination: string;
    readonly ack: StompAckMode;
    readonly messages: number;
  }[];
  readonly receipts: readonly StompReceipt[];
  readonly messages: readonly StompMessage[];
  /** Ack ids of received messages (client / client-individual modes) not yet ACKed or NACKed. */
  readonly unacked: readonly string[];
}

const isMs = (v: unknown): v is number => isInteger(v, 0, 3_600_000);
const isHeaders = isArrayOf(isStringPair, 100);

export const isStompOptions = (x: unknown): x is StompOptions =>
  hasShape(x, {
    protocol: isOneOf('stomp'),
    host: isString,
    login: isString,
    passcode: isString,
    heartBeat: (v) => hasShape(v, { outgoingMs: isMs, incomingMs: isMs }),
    handshakeTimeoutMs: optional((v): v is number => isInteger(v, 1, 600_000)),
  });

export function isStompCommand(x: unknown): x is StompCommand {
  if (!hasShape(x, { protocol: isOneOf('stomp'), type: isString, receipt: optional(isBoolean) })) return false;
  switch (x.type) {
    case 'subscribe':
      return hasShape(x, {
        destination: isString,
        ack: optional(isOneOf('auto', 'client', 'client-individual')),
        id: optional(isString),
        headers: optional(isHeaders),
      });
    case 'unsubscribe':
    case 'ack':
    case 'nack':
      return hasShape(x, { id: isString });
    case 'send':
      return hasShape(x, {
        destination: isString,
        body: isString,
        bodyEncoding: optional(isOneOf('text', 'base64')),
        contentType: optional(isString),
        headers: optional(isHeaders),
      });
    case 'disconnect':
      return true;
    default:
      return false;
  }
}
