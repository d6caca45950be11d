/**
 * Values that cross more than one boundary: socket events, payloads, frame rules and marks,
 * the limits every message is held to, and their guards. Each boundary's own messages are in
 * the file named after it (relay.ts, popup.ts, panel.ts, offscreen.ts, hook-wire.ts).
 */
import { isBase64, isFiniteNumber, isRecord, isString, isStringArray } from '../core/guards';

/**
 * Bumped whenever a message changes shape. A UI says it in its `hello`; a background of another
 * version (the extension was updated under an open panel) refuses it, and the UI asks the user
 * to reload it.
 */
export const PROTOCOL_VERSION = 2;

/** Port names; the background routes a connecting port by its name. */
export const PORT_NAMES = {
  popup: 'socket-scope:popup',
  panel: 'socket-scope:panel',
  relay: 'socket-scope:relay',
  offscreen: 'socket-scope:offscreen',
} as const;

/** Upper bounds on what one message may carry; larger messages are dropped as malformed. */
export const LIMITS = {
  maxEventsPerMessage: 10_000,
  /** Payload characters per message (8 MiB); a single larger frame still travels, alone. */
  // A literal, not 8 * 1024 * 1024: esbuild keeps arithmetic as a possible side effect, and
  // with it this object in every bundle that imports anything from this module (the hook).
  maxMessageBytes: 8_388_608,
  maxUrlLength: 8_192,
  maxStackLength: 8_192,
  maxReasonLength: 1_024,
  maxSocketIdLength: 128,
} as const;

export type Direction = 'out' | 'in';

export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';

/** A frame's payload as it crosses a port. `kind` is the opcode, never guessed from content. */
export type WirePayload =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly base64: string };

/** One observed event of a socket, in the order it happened. `time` is epoch ms (fractional). */
export type SocketEvent =
  | {
      readonly type: 'created';
      readonly socketId: string;
      readonly time: number;
      readonly url: string;
      readonly protocols: readonly string[];
      readonly frameUrl: string;
      /** Stack of the page code that created the socket (page sockets only; may be empty). */
      readonly initiator?: string;
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
      /** Set when the frame did not simply pass: injected from the panel, or hit by a rule. */
      readonly mark?: FrameMark;
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
export type FrameEvent = Extract<SocketEvent, { type: 'frame' }>;

/**
 * What the extension did to a page frame. `panel-send`: sent from the panel; `fake`: a fake
 * incoming message dispatched to the page; `blocked` / `replaced` / `delayed`: a rule hit it
 * (`original` is the payload before a replace; `payload` is what the page or server got).
 */
export type FrameMark =
  | { readonly kind: 'panel-send' | 'fake' }
  | { readonly kind: 'blocked'; readonly ruleId: string }
  | { readonly kind: 'replaced'; readonly ruleId: string; readonly original: WirePayload }
  | { readonly kind: 'delayed'; readonly ruleId: string; readonly delayMs: number };

/** A rule the page hook applies to frames of the tab's sockets (set from the panel). */
export interface FrameRule {
  readonly id: string;
  readonly enabled: boolean;
  readonly direction: Direction | 'both';
  /** Substring of the socket URL; empty matches every socket. */
  readonly urlContains: string;
  /** Regular expression source matched against text payloads; empty matches every frame. */
  readonly pattern: string;
  readonly action:
    | { readonly type: 'block' }
    | { readonly type: 'replace'; readonly replacement: string }
    | { readonly type: 'delay'; readonly ms: number };
}

/** What the panel can do to a page socket, through the background, relay and hook. */
export type PageCommand =
  | { readonly type: 'send'; readonly socketId: string; readonly payload: WirePayload }
  | { readonly type: 'fake-incoming'; readonly socketId: string; readonly payload: WirePayload }
  | { readonly type: 'simulate-close'; readonly socketId: string; readonly code: number; readonly reason: string }
  | { readonly type: 'simulate-error'; readonly socketId: string }
  | { readonly type: 'set-rules'; readonly rules: readonly FrameRule[] };

export interface HandshakeHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * Why a tab's capture is not saved: it is then in memory only and would be lost if the browser
 * stopped the background. `quota`: browser storage is full; `error`: any other failure.
 */
export interface SaveProblem {
  readonly reason: 'quota' | 'error';
  /** Shown to the user as it is (text only). */
  readonly message: string;
}

export const MAX_SAVE_PROBLEM_LENGTH = 2_000;

// ---------------------------------------------------------------------------------------------
// Guards. They check shape and bounds, not just the tag.
// ---------------------------------------------------------------------------------------------

export function isWirePayload(x: unknown): x is WirePayload {
  if (!isRecord(x)) return false;
  if (x.kind === 'text') return isString(x.text);
  // Padded base64 only (what bytesToBase64 writes): base64ByteLength relies on length % 4 === 0.
  if (x.kind === 'binary') return isBase64(x.base64);
  return false;
}

export const isSocketId = (x: unknown): x is string => isString(x) && x.length <= LIMITS.maxSocketIdLength;

export function isSocketEvent(x: unknown): x is SocketEvent {
  if (!isRecord(x) || !isSocketId(x.socketId) || !isFiniteNumber(x.time)) return false;
  switch (x.type) {
    case 'created':
      return (
        isString(x.url) &&
        x.url.length <= LIMITS.maxUrlLength &&
        isStringArray(x.protocols) &&
        isString(x.frameUrl) &&
        (x.initiator === undefined || (isString(x.initiator) && x.initiator.length <= LIMITS.maxStackLength))
      );
    case 'open':
      return isString(x.protocol) && isString(x.extensions);
    case 'frame':
      return (
        (x.direction === 'in' || x.direction === 'out') &&
        isWirePayload(x.payload) &&
        (x.mark === undefined || isFrameMark(x.mark))
      );
    case 'error':
      return isString(x.message);
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

export function isEventList(x: unknown): x is SocketEvent[] {
  return Array.isArray(x) && x.length <= LIMITS.maxEventsPerMessage && x.every(isSocketEvent);
}

export function isFrameMark(x: unknown): x is FrameMark {
  if (!isRecord(x)) return false;
  switch (x.kind) {
    case 'panel-send':
    case 'fake':
      return true;
    case 'blocked':
      return isString(x.ruleId);
    case 'replaced':
      return isString(x.ruleId) && isWirePayload(x.original);
    case 'delayed':
      return isString(x.ruleId) && isFiniteNumber(x.delayMs);
    default:
      return false;
  }
}

/** Rules are compiled in the page: an invalid pattern is rejected here, not thrown there. */
export function isFrameRule(x: unknown): x is FrameRule {
  if (!isRecord(x) || !isString(x.id) || typeof x.enabled !== 'boolean') return false;
  if (!isString(x.urlContains) || !isString(x.pattern) || x.pattern.length > 4_096) return false;
  if (x.direction !== 'in' && x.direction !== 'out' && x.direction !== 'both') return false;
  try {
    new RegExp(x.pattern);
  } catch {
    return false;
  }
  const a = x.action;
  if (!isRecord(a)) return false;
  if (a.type === 'block') return true;
  if (a.type === 'replace') return isString(a.replacement);
  return a.type === 'delay' && isFiniteNumber(a.ms) && a.ms >= 0 && a.ms <= 600_000;
}

export const MAX_RULES = 200;

export function isPageCommand(x: unknown): x is PageCommand {
  if (!isRecord(x)) return false;
  if (x.type === 'set-rules')
    return Array.isArray(x.rules) && x.rules.length <= MAX_RULES && x.rules.every(isFrameRule);
  if (!isString(x.socketId)) return false;
  switch (x.type) {
    case 'send':
    case 'fake-incoming':
      return isWirePayload(x.payload);
    case 'simulate-close':
      return (
        Number.isInteger(x.code) &&
        (x.code as number) >= 1000 &&
        (x.code as number) <= 4999 &&
        isString(x.reason) &&
        x.reason.length <= 123
      );
    case 'simulate-error':
      return true;
    default:
      return false;
  }
}

export const isHandshakeHeader = (x: unknown): x is HandshakeHeader =>
  isRecord(x) &&
  isString(x.name) &&
  /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/.test(x.name) &&
  isString(x.value) &&
  x.value.length <= 8_192;

export const isSaveProblem = (x: unknown): x is SaveProblem =>
  isRecord(x) &&
  (x.reason === 'quota' || x.reason === 'error') &&
  isString(x.message) &&
  x.message.length <= MAX_SAVE_PROBLEM_LENGTH;
