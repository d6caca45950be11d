/**
 * Popup ↔ background: the popup's own connections, which the background owns (they outlive the
 * popup). Every popup → background message is a request with an `id`, answered by a Reply
 * (requests.ts); the background also pushes snapshots and updates of every connection's log.
 */
import { isCount, isFiniteNumber, isIndex, isNumberOrNull, isRecord, isString, isStringArray } from '../core/guards';
import { isHelloVersion, isReply, type Reply } from './requests';
import {
  LIMITS,
  isEventList,
  isHandshakeHeader,
  isWirePayload,
  type HandshakeHeader,
  type SocketEvent,
  type SocketState,
  type WirePayload,
} from './values';

export interface ConnectionSummary {
  readonly id: string;
  readonly url: string;
  readonly state: SocketState;
  readonly protocol: string;
  readonly extensions: string;
  readonly openedAt: number | null;
  readonly closeCode: number | null;
  readonly closeReason: string;
  /** Log entries dropped because the per-connection cap was reached. */
  readonly dropped: number;
  /** When connect() was called (epoch ms): openedAt - createdAt is the connect time. */
  readonly createdAt: number;
  readonly protocols: readonly string[];
  /** Auto-reconnect: on, and how many attempts since the last successful open. */
  readonly autoReconnect: boolean;
  readonly reconnectAttempt: number;
  /** Epoch ms of the next scheduled reconnect attempt, or null. */
  readonly reconnectAt: number | null;
  /** Frames kept in this connection's log before the oldest are dropped (user-set). */
  readonly frameLimit: number;
  /** The periodic send running on this connection, or null. */
  readonly repeat: RepeatStatus | null;
}

/** How a composer reads what the user typed (the popup's, and the panel's Send / Fake). */
export type ComposerMode = 'text' | 'json' | 'hex' | 'base64';
export const COMPOSER_MODES: readonly ComposerMode[] = ['text', 'json', 'hex', 'base64'];

/**
 * Periodic send ("repeat"): the composer's message, sent by the background every `intervalMs`
 * (the first at once) until `times` sends or until stopped. Heartbeats, load tests.
 */
export interface RepeatPlan {
  readonly mode: ComposerMode;
  readonly message: string;
  /** The user's "name=value" lines when {{variables}} are expanded; null sends the message as typed. */
  readonly variables: string | null;
  readonly intervalMs: number;
  /** Sends in all; null repeats until stopped. */
  readonly times: number | null;
}

/** Progress of a running repeat, shown in the popup. */
export interface RepeatStatus {
  readonly intervalMs: number;
  readonly times: number | null;
  readonly sent: number;
}

export const REPEAT_LIMITS = { minIntervalMs: 10, maxIntervalMs: 86_400_000, maxTimes: 1_000_000 } as const;
export const MAX_HANDSHAKE_HEADERS = 50;
export const MAX_LOG_LIMIT = 1_000_000;

type Request<T> = T & { readonly source: 'socket-scope-popup'; readonly id: number };

export type PopupToBackground = Request<
  | { readonly type: 'hello'; readonly version: number }
  | {
      readonly type: 'connect';
      readonly url: string;
      readonly protocols: readonly string[];
      readonly autoReconnect?: boolean;
      /** Handshake request headers, applied with declarativeNetRequest session rules. */
      readonly headers?: readonly HandshakeHeader[];
    }
  | { readonly type: 'send'; readonly connectionId: string; readonly payload: WirePayload }
  | { readonly type: 'disconnect'; readonly connectionId: string; readonly code: number; readonly reason: string }
  /** Popup log actions: clear a log, forget a closed connection, set the frame limit. */
  | { readonly type: 'clear-log' | 'remove' | 'stop-repeat'; readonly connectionId: string }
  | { readonly type: 'set-log-limit'; readonly connectionId: string; readonly maxFrames: number }
  | { readonly type: 'start-repeat'; readonly connectionId: string; readonly plan: RepeatPlan }
>;

/** A popup request as its sender writes it: the envelope (source, id) is added when it is sent. */
export type PopupRequest = PopupToBackground extends infer M
  ? M extends PopupToBackground
    ? Omit<M, 'source' | 'id'>
    : never
  : never;

export type BackgroundToPopup =
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'popup-snapshot' | 'popup-update';
      readonly connections: readonly ConnectionSummary[];
      readonly events: readonly SocketEvent[];
    }
  | Reply;

function isRepeatPlan(x: unknown): x is RepeatPlan {
  return (
    isRecord(x) &&
    COMPOSER_MODES.includes(x.mode as ComposerMode) &&
    isString(x.message) &&
    x.message.length <= LIMITS.maxMessageBytes &&
    (x.variables === null || (isString(x.variables) && x.variables.length <= 65_536)) &&
    isCount(x.intervalMs, REPEAT_LIMITS.minIntervalMs, REPEAT_LIMITS.maxIntervalMs) &&
    (x.times === null || isCount(x.times, 1, REPEAT_LIMITS.maxTimes))
  );
}

const isHeaderList = (x: unknown) =>
  Array.isArray(x) && x.length <= MAX_HANDSHAKE_HEADERS && x.every(isHandshakeHeader);

export function isPopupToBackground(x: unknown): x is PopupToBackground {
  if (!isRecord(x) || x.source !== 'socket-scope-popup' || !isIndex(x.id)) return false;
  switch (x.type) {
    case 'hello':
      return isHelloVersion(x.version);
    case 'connect':
      return (
        isString(x.url) &&
        x.url.length <= LIMITS.maxUrlLength &&
        isStringArray(x.protocols) &&
        (x.autoReconnect === undefined || typeof x.autoReconnect === 'boolean') &&
        (x.headers === undefined || isHeaderList(x.headers))
      );
    case 'clear-log':
    case 'remove':
    case 'stop-repeat':
      return isString(x.connectionId);
    case 'start-repeat':
      return isString(x.connectionId) && isRepeatPlan(x.plan);
    case 'set-log-limit':
      return isString(x.connectionId) && isCount(x.maxFrames, 1, MAX_LOG_LIMIT);
    case 'send':
      return isString(x.connectionId) && isWirePayload(x.payload);
    case 'disconnect':
      return isString(x.connectionId) && isFiniteNumber(x.code) && isString(x.reason);
    default:
      return false;
  }
}

const SOCKET_STATES: readonly unknown[] = ['connecting', 'open', 'closing', 'closed'] satisfies SocketState[];

const isRepeatStatus = (x: unknown): x is RepeatStatus =>
  isRecord(x) && isFiniteNumber(x.intervalMs) && isNumberOrNull(x.times) && isFiniteNumber(x.sent);

function isConnectionSummary(x: unknown): x is ConnectionSummary {
  return (
    isRecord(x) &&
    isString(x.id) &&
    isString(x.url) &&
    SOCKET_STATES.includes(x.state) &&
    isString(x.protocol) &&
    isString(x.extensions) &&
    isNumberOrNull(x.openedAt) &&
    isNumberOrNull(x.closeCode) &&
    isString(x.closeReason) &&
    isFiniteNumber(x.dropped) &&
    isFiniteNumber(x.createdAt) &&
    isStringArray(x.protocols) &&
    typeof x.autoReconnect === 'boolean' &&
    isFiniteNumber(x.reconnectAttempt) &&
    isNumberOrNull(x.reconnectAt) &&
    isFiniteNumber(x.frameLimit) &&
    (x.repeat === null || isRepeatStatus(x.repeat))
  );
}

export function isBackgroundToPopup(x: unknown): x is BackgroundToPopup {
  if (isReply(x)) return true;
  if (!isRecord(x) || x.source !== 'socket-scope-background') return false;
  if (x.type !== 'popup-snapshot' && x.type !== 'popup-update') return false;
  return Array.isArray(x.connections) && x.connections.every(isConnectionSummary) && isEventList(x.events);
}
