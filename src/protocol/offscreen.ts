/**
 * Background ↔ offscreen document (Chrome only): popup sockets that need handshake headers live
 * there, because Chrome applies declarativeNetRequest rules to extension documents' sockets but
 * not to its service worker's. The background drives them; they report what happens.
 */
import { isFiniteNumber, isRecord, isString, isStringArray } from '../core/guards';
import { LIMITS, isWirePayload, type WirePayload } from './values';

export type BackgroundToOffscreen =
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'socket-open';
      readonly socketId: string;
      readonly url: string;
      readonly protocols: readonly string[];
    }
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'socket-send';
      readonly socketId: string;
      readonly payload: WirePayload;
    }
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'socket-close';
      readonly socketId: string;
      readonly code?: number;
      readonly reason?: string;
    };

/** What happened to one offscreen socket, mirroring the WebSocket events. */
export type OffscreenSocketEvent =
  | { readonly kind: 'open'; readonly protocol: string; readonly extensions: string }
  | { readonly kind: 'message'; readonly payload: WirePayload }
  | { readonly kind: 'error' }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string; readonly wasClean: boolean };

export type OffscreenToBackground = {
  readonly source: 'socket-scope-offscreen';
  readonly type: 'socket-event';
  readonly socketId: string;
  readonly event: OffscreenSocketEvent;
};

export function isBackgroundToOffscreen(x: unknown): x is BackgroundToOffscreen {
  if (!isRecord(x) || x.source !== 'socket-scope-background' || !isString(x.socketId)) return false;
  switch (x.type) {
    case 'socket-open':
      return isString(x.url) && x.url.length <= LIMITS.maxUrlLength && isStringArray(x.protocols);
    case 'socket-send':
      return isWirePayload(x.payload);
    case 'socket-close':
      return (x.code === undefined || isFiniteNumber(x.code)) && (x.reason === undefined || isString(x.reason));
    default:
      return false;
  }
}

function isOffscreenSocketEvent(x: unknown): x is OffscreenSocketEvent {
  if (!isRecord(x)) return false;
  switch (x.kind) {
    case 'open':
      return isString(x.protocol) && isString(x.extensions);
    case 'message':
      return isWirePayload(x.payload);
    case 'error':
      return true;
    case 'close':
      return (
        isFiniteNumber(x.code) &&
        isString(x.reason) &&
        x.reason.length <= LIMITS.maxReasonLength &&
        typeof x.wasClean === 'boolean'
      );
    default:
      return false;
  }
}

export function isOffscreenToBackground(x: unknown): x is OffscreenToBackground {
  return (
    isRecord(x) &&
    x.source === 'socket-scope-offscreen' &&
    x.type === 'socket-event' &&
    isString(x.socketId) &&
    isOffscreenSocketEvent(x.event)
  );
}
