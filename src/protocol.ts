/**
 * THE message protocol: every message that crosses a context boundary is declared here,
 * as a discriminated union named by direction, with a guard used at the receiving end.
 *
 * Contexts: page hook (MAIN world) → relay (content script) → background → popup / panel.
 * Runtime ports serialise as JSON in Chrome, so everything that crosses a port is JSON-safe:
 * binary payloads travel as base64 (exact bytes), text payloads as strings.
 */

export const PROTOCOL_VERSION = 1;

/** Port names; the background routes a connecting port by its name. */
export const PORT_NAMES = { popup: 'socket-scope:popup', panel: 'socket-scope:panel', relay: 'socket-scope:relay' } as const;

// ---------------------------------------------------------------------------------------------
// Shared value types
// ---------------------------------------------------------------------------------------------

export type Direction = 'out' | 'in';

/** A frame's payload as it crosses a port. `kind` is the opcode, never guessed from content. */
export type WirePayload =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly base64: string };

/** One observed event of a socket, in the order it happened. `time` is epoch ms (fractional). */
export type SocketEvent =
  | {
      readonly type: 'created';
      readonly socketId: string;
      readonly time: number;
      readonly url: string;
      readonly protocols: readonly string[];
      readonly frameUrl: string;
    }
  | {
      readonly type: 'open';
      readonly socketId: string;
      readonly time: number;
      readonly protocol: string;
      readonly extensions: string;
    }
  | {
      readonly type: 'frame';
      readonly socketId: string;
      readonly time: number;
      readonly direction: Direction;
      readonly payload: WirePayload;
    }
  | { readonly type: 'error'; readonly socketId: string; readonly time: number; readonly message: string }
  | {
      readonly type: 'close';
      readonly socketId: string;
      readonly time: number;
      readonly code: number;
      readonly reason: string;
      readonly wasClean: boolean;
    };

export type SocketEventType = SocketEvent['type'];

export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';

// ---------------------------------------------------------------------------------------------
// Relay (content script) → background
// ---------------------------------------------------------------------------------------------

export type RelayToBackground = {
  readonly source: 'socket-scope-relay';
  readonly type: 'capture';
  readonly events: readonly SocketEvent[];
};

// ---------------------------------------------------------------------------------------------
// Popup ↔ background (the popup's own connections, owned by the background)
// ---------------------------------------------------------------------------------------------

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
}

export type PopupToBackground =
  | { readonly source: 'socket-scope-popup'; readonly type: 'hello' }
  | {
      readonly source: 'socket-scope-popup';
      readonly type: 'connect';
      readonly url: string;
      readonly protocols: readonly string[];
    }
  | {
      readonly source: 'socket-scope-popup';
      readonly type: 'send';
      readonly connectionId: string;
      readonly payload: WirePayload;
    }
  | {
      readonly source: 'socket-scope-popup';
      readonly type: 'disconnect';
      readonly connectionId: string;
      readonly code: number;
      readonly reason: string;
    };

export type BackgroundToPopup =
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'popup-snapshot';
      readonly connections: readonly ConnectionSummary[];
      readonly events: readonly SocketEvent[];
    }
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'popup-update';
      readonly connections: readonly ConnectionSummary[];
      readonly events: readonly SocketEvent[];
    }
  | { readonly source: 'socket-scope-background'; readonly type: 'popup-error'; readonly message: string };

// ---------------------------------------------------------------------------------------------
// Panel ↔ background (capture of one inspected tab)
// ---------------------------------------------------------------------------------------------

export type PanelToBackground = {
  readonly source: 'socket-scope-panel';
  readonly type: 'subscribe';
  readonly tabId: number;
};

export type BackgroundToPanel =
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'capture-snapshot';
      readonly tabId: number;
      readonly events: readonly SocketEvent[];
      readonly dropped: number;
    }
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'capture-update';
      readonly tabId: number;
      readonly events: readonly SocketEvent[];
      readonly dropped: number;
    };

// ---------------------------------------------------------------------------------------------
// Guards: used at every trust boundary. They check shape, not just the tag.
// ---------------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);

/** Upper bounds on what one message may carry; larger messages are dropped as malformed. */
export const LIMITS = {
  maxEventsPerMessage: 10_000,
  /** Payload characters per message; a single larger frame still travels, alone. */
  maxMessageBytes: 8 * 1024 * 1024,
  maxUrlLength: 8_192,
  maxReasonLength: 1_024,
} as const;

export function isWirePayload(x: unknown): x is WirePayload {
  if (!isRecord(x)) return false;
  if (x.kind === 'text') return isString(x.text);
  // Padded base64 only (what bytesToBase64 writes): base64ByteLength relies on length % 4 === 0.
  if (x.kind === 'binary') return isString(x.base64) && x.base64.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(x.base64);
  return false;
}

export function isSocketEvent(x: unknown): x is SocketEvent {
  if (!isRecord(x) || !isString(x.socketId) || x.socketId.length > 128 || !isFiniteNumber(x.time)) return false;
  switch (x.type) {
    case 'created':
      return isString(x.url) && x.url.length <= LIMITS.maxUrlLength && isStringArray(x.protocols) && isString(x.frameUrl);
    case 'open':
      return isString(x.protocol) && isString(x.extensions);
    case 'frame':
      return (x.direction === 'in' || x.direction === 'out') && isWirePayload(x.payload);
    case 'error':
      return isString(x.message);
    case 'close':
      return (
        isFiniteNumber(x.code) && isString(x.reason) && x.reason.length <= LIMITS.maxReasonLength && typeof x.wasClean === 'boolean'
      );
    default:
      return false;
  }
}

function isEventList(x: unknown): x is SocketEvent[] {
  return Array.isArray(x) && x.length <= LIMITS.maxEventsPerMessage && x.every(isSocketEvent);
}

export function isRelayToBackground(x: unknown): x is RelayToBackground {
  return isRecord(x) && x.source === 'socket-scope-relay' && x.type === 'capture' && isEventList(x.events);
}

export function isPopupToBackground(x: unknown): x is PopupToBackground {
  if (!isRecord(x) || x.source !== 'socket-scope-popup') return false;
  switch (x.type) {
    case 'hello':
      return true;
    case 'connect':
      return isString(x.url) && x.url.length <= LIMITS.maxUrlLength && isStringArray(x.protocols);
    case 'send':
      return isString(x.connectionId) && isWirePayload(x.payload);
    case 'disconnect':
      return isString(x.connectionId) && isFiniteNumber(x.code) && isString(x.reason);
    default:
      return false;
  }
}

export function isPanelToBackground(x: unknown): x is PanelToBackground {
  return isRecord(x) && x.source === 'socket-scope-panel' && x.type === 'subscribe' && Number.isInteger(x.tabId);
}

const SOCKET_STATES: readonly unknown[] = ['connecting', 'open', 'closing', 'closed'] satisfies SocketState[];
const isNumberOrNull = (x: unknown) => x === null || isFiniteNumber(x);

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
    isFiniteNumber(x.dropped)
  );
}

export function isBackgroundToPopup(x: unknown): x is BackgroundToPopup {
  if (!isRecord(x) || x.source !== 'socket-scope-background') return false;
  if (x.type === 'popup-error') return isString(x.message);
  if (x.type === 'popup-snapshot' || x.type === 'popup-update') {
    return Array.isArray(x.connections) && x.connections.every(isConnectionSummary) && isEventList(x.events);
  }
  return false;
}

export function isBackgroundToPanel(x: unknown): x is BackgroundToPanel {
  return (
    isRecord(x) &&
    x.source === 'socket-scope-background' &&
    (x.type === 'capture-snapshot' || x.type === 'capture-update') &&
    Number.isInteger(x.tabId) &&
    isFiniteNumber(x.dropped) &&
    isEventList(x.events)
  );
}

// ---------------------------------------------------------------------------------------------
// Page hook ↔ relay. These never cross a runtime port: they travel as the `detail` of
// CustomEvents whose type is a build-time secret (see src/page/channel-name.ts), and are
// structured-cloned between the worlds, so payloads may be raw ArrayBuffers and Blobs.
// ---------------------------------------------------------------------------------------------

export type HookPayload = string | ArrayBuffer | Blob;

/** A hook event as the relay receives it: like SocketEvent, with a raw payload on frames. */
export type HookEvent =
  | Exclude<SocketEvent, { type: 'frame' }>
  | {
      readonly type: 'frame';
      readonly socketId: string;
      readonly time: number;
      readonly direction: Direction;
      readonly data: HookPayload;
    };
