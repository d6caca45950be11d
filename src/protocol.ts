/**
 * THE message protocol: every message that crosses a context boundary is declared here,
 * as a discriminated union named by direction, with a guard used at the receiving end.
 *
 * Contexts: page hook (MAIN world) → relay (content script) → background → popup / panel.
 * Ports structured-clone their messages in both browsers (Chrome: the manifest's
 * `message_serialization`, Chrome 148+). Captured page frames reach the background as raw
 * ArrayBuffers or Blobs, so the page's thread never encodes them; from the background on, binary payloads
 * travel as base64 (exact bytes, and what storage, exports and the UIs keep), text as strings.
 */

export const PROTOCOL_VERSION = 1;

/** Port names; the background routes a connecting port by its name. */
export const PORT_NAMES = {
  popup: 'socket-scope:popup',
  panel: 'socket-scope:panel',
  relay: 'socket-scope:relay',
  offscreen: 'socket-scope:offscreen',
} as const;

// ---------------------------------------------------------------------------------------------
// Shared value types
// ---------------------------------------------------------------------------------------------

export type Direction = 'out' | 'in';

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

// ---------------------------------------------------------------------------------------------
// Background → relay (commands for the page hook of one frame)
// ---------------------------------------------------------------------------------------------

export type BackgroundToRelay =
  | { readonly source: 'socket-scope-background'; readonly type: 'page-command'; readonly command: PageCommand }
  /** Every capture message up to `seq` is saved (or saving is failing, which the panel shows). */
  | { readonly source: 'socket-scope-background'; readonly type: 'saved'; readonly seq: number };

export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';

// ---------------------------------------------------------------------------------------------
// Relay (content script) → background
// ---------------------------------------------------------------------------------------------

/**
 * The relay forwards the hook's batches as they are (HookBatch; creation stacks trimmed, see
 * core/relay-events.ts): splitting and checking them (relayEventsOf), reading Blobs, turning the
 * events into SocketEvents and binary into base64 is the background's work, off the page's thread.
 */
export type RelayToBackground = {
  readonly source: 'socket-scope-relay';
  readonly type: 'capture';
  /**
   * The relay numbers its messages and keeps each until the background says it is saved; a
   * background that stops first gets the message again on a new port (core/unsaved-chunks.ts).
   */
  readonly seq: number;
  readonly batch: HookBatch;
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

/** How the composer reads what the user typed. */
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

export interface HandshakeHeader {
  readonly name: string;
  readonly value: string;
}

export type PopupToBackground =
  | { readonly source: 'socket-scope-popup'; readonly type: 'hello' }
  | {
      readonly source: 'socket-scope-popup';
      readonly type: 'connect';
      readonly url: string;
      readonly protocols: readonly string[];
      readonly autoReconnect?: boolean;
      /** Handshake request headers, applied with declarativeNetRequest session rules. */
      readonly headers?: readonly HandshakeHeader[];
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
    }
  /** Popup log actions: clear a log, forget a closed connection, set the frame limit. */
  | { readonly source: 'socket-scope-popup'; readonly type: 'clear-log' | 'remove'; readonly connectionId: string }
  | {
      readonly source: 'socket-scope-popup';
      readonly type: 'set-log-limit';
      readonly connectionId: string;
      readonly maxFrames: number;
    }
  | {
      readonly source: 'socket-scope-popup';
      readonly type: 'start-repeat';
      readonly connectionId: string;
      readonly plan: RepeatPlan;
    }
  | { readonly source: 'socket-scope-popup'; readonly type: 'stop-repeat'; readonly connectionId: string };

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
// Background ↔ offscreen document (Chrome only): popup sockets that need handshake headers live
// there, because Chrome applies declarativeNetRequest rules to extension documents' sockets but
// not to its service worker's. The background drives them; they report what happens.
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Panel ↔ background (capture of one inspected tab)
// ---------------------------------------------------------------------------------------------

export type PanelToBackground =
  | { readonly source: 'socket-scope-panel'; readonly type: 'subscribe'; readonly tabId: number }
  /** Empties the tab's capture log (frames, lifecycle events, drop count); watchers get a new snapshot. */
  | { readonly source: 'socket-scope-panel'; readonly type: 'clear'; readonly tabId: number }
  /** Acts on the inspected tab's sockets (send, fake, close, rules): see PageCommand. */
  | {
      readonly source: 'socket-scope-panel';
      readonly type: 'page-command';
      readonly tabId: number;
      readonly command: PageCommand;
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
    }
  /** A page command could not be delivered (socket gone, page navigated away). */
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'command-error';
      readonly tabId: number;
      readonly message: string;
    }
  /** The tab's rules, sent when a panel subscribes (rules outlive the panel that set them). */
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'rules';
      readonly tabId: number;
      readonly rules: readonly FrameRule[];
    }
  /**
   * Saving the tab's capture in browser storage failed (`problem`), or works again (null).
   * Sent when it changes, and after a snapshot while there is a problem (a snapshot starts the
   * panel's view over, so no problem is assumed until told).
   */
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'save-status';
      readonly tabId: number;
      readonly problem: SaveProblem | null;
    };

/**
 * Why a tab's capture is not saved: it is then in memory only and would be lost if the browser
 * stopped the background. `quota`: browser storage is full; `error`: any other failure.
 */
export interface SaveProblem {
  readonly reason: 'quota' | 'error';
  /** Shown to the user as it is (text only). */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Guards: used at every trust boundary. They check shape, not just the tag.
// ---------------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** A relay message's number (RelayToBackground.seq). */
const isSeq = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);

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
} as const;

export function isWirePayload(x: unknown): x is WirePayload {
  if (!isRecord(x)) return false;
  if (x.kind === 'text') return isString(x.text);
  // Padded base64 only (what bytesToBase64 writes): base64ByteLength relies on length % 4 === 0.
  if (x.kind === 'binary')
    return isString(x.base64) && x.base64.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(x.base64);
  return false;
}

export function isSocketEvent(x: unknown): x is SocketEvent {
  if (!isRecord(x) || !isString(x.socketId) || x.socketId.length > 128 || !isFiniteNumber(x.time)) return false;
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

function isEventList(x: unknown): x is SocketEvent[] {
  return Array.isArray(x) && x.length <= LIMITS.maxEventsPerMessage && x.every(isSocketEvent);
}

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

const isRelayPayload = (x: unknown): x is RelayPayload => isString(x) || x instanceof ArrayBuffer || x instanceof Blob;

const isRelayMark = (x: unknown): x is HookFrameMark<RelayPayload> =>
  isRecord(x) && (x.kind === 'replaced' ? isString(x.ruleId) && isRelayPayload(x.original) : isFrameMark(x));

const hookEventLength = (type: unknown): number =>
  typeof type === 'string' && Object.hasOwn(HOOK_EVENT_LENGTHS, type) ? HOOK_EVENT_LENGTHS[type as HookEvent[0]] : 0;

/** A hook tuple as the relay forwards it; the same limits as isSocketEvent. */
export function isRelayEvent(x: unknown): x is RelayEvent {
  if (
    !Array.isArray(x) ||
    x.length !== hookEventLength(x[0]) ||
    !isString(x[1]) ||
    x[1].length > 128 ||
    !isFiniteNumber(x[2])
  )
    return false;
  switch (x[0]) {
    case 'created':
      return (
        isString(x[3]) &&
        x[3].length <= LIMITS.maxUrlLength &&
        isStringArray(x[4]) &&
        isString(x[5]) &&
        isString(x[6]) &&
        x[6].length <= LIMITS.maxStackLength
      );
    case 'open':
      return isString(x[3]) && isString(x[4]);
    case 'frame':
      return (x[3] === 'in' || x[3] === 'out') && isRelayPayload(x[4]) && (x[5] === undefined || isRelayMark(x[5]));
    case 'error':
      return typeof x[3] === 'boolean';
    case 'close':
      return (
        isFiniteNumber(x[3]) && isString(x[4]) && x[4].length <= LIMITS.maxReasonLength && typeof x[5] === 'boolean'
      );
    default:
      return false;
  }
}

/**
 * Walks a hook batch event by event (`start`: the index of its type); false when it is not one:
 * an unknown type, or fields missing at the end. The events' fields are not checked here.
 */
export function forEachHookEvent(batch: HookBatch, visit: (type: HookEvent[0], start: number) => void): boolean {
  for (let i = 0; i < batch.length;) {
    const type = batch[i];
    const length = hookEventLength(type);
    if (length === 0 || i + length > batch.length) return false;
    visit(type as HookEvent[0], i);
    i += length;
  }
  return true;
}

/** Batches relayEventsOf has split and checked: the port's guard does it, the background reads the result. */
const checkedBatches = new WeakMap<HookBatch, RelayEvent[]>();

/** A relay's batch as events, each checked (isRelayEvent); null when any is not one or there are too many. */
export function relayEventsOf(batch: unknown): RelayEvent[] | null {
  // Bounded before it is walked: no event has more than 7 fields.
  if (!Array.isArray(batch) || batch.length > LIMITS.maxEventsPerMessage * 7) return null;
  const checked = checkedBatches.get(batch);
  if (checked) return checked;
  const events: RelayEvent[] = [];
  let allValid = true;
  const split = forEachHookEvent(batch, (type, start) => {
    const event: unknown = batch.slice(start, start + HOOK_EVENT_LENGTHS[type]);
    if (isRelayEvent(event)) events.push(event);
    else allValid = false;
  });
  if (!split || !allValid || events.length > LIMITS.maxEventsPerMessage) return null;
  checkedBatches.set(batch, events);
  return events;
}

export function isRelayToBackground(x: unknown): x is RelayToBackground {
  return (
    isRecord(x) &&
    x.source === 'socket-scope-relay' &&
    x.type === 'capture' &&
    isSeq(x.seq) &&
    relayEventsOf(x.batch) !== null
  );
}

const isHandshakeHeader = (x: unknown): x is HandshakeHeader =>
  isRecord(x) &&
  isString(x.name) &&
  /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/.test(x.name) &&
  isString(x.value) &&
  x.value.length <= 8_192;

const isCount = (x: unknown, min: number, max: number): x is number =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

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

const isRepeatStatus = (x: unknown): x is RepeatStatus =>
  isRecord(x) &&
  isFiniteNumber(x.intervalMs) &&
  (x.times === null || isFiniteNumber(x.times)) &&
  isFiniteNumber(x.sent);

export function isPopupToBackground(x: unknown): x is PopupToBackground {
  if (!isRecord(x) || x.source !== 'socket-scope-popup') return false;
  switch (x.type) {
    case 'hello':
      return true;
    case 'connect':
      return (
        isString(x.url) &&
        x.url.length <= LIMITS.maxUrlLength &&
        isStringArray(x.protocols) &&
        (x.autoReconnect === undefined || typeof x.autoReconnect === 'boolean') &&
        (x.headers === undefined ||
          (Array.isArray(x.headers) && x.headers.length <= 50 && x.headers.every(isHandshakeHeader)))
      );
    case 'clear-log':
    case 'remove':
    case 'stop-repeat':
      return isString(x.connectionId);
    case 'start-repeat':
      return isString(x.connectionId) && isRepeatPlan(x.plan);
    case 'set-log-limit':
      return isString(x.connectionId) && isCount(x.maxFrames, 1, 1_000_000);
    case 'send':
      return isString(x.connectionId) && isWirePayload(x.payload);
    case 'disconnect':
      return isString(x.connectionId) && isFiniteNumber(x.code) && isString(x.reason);
    default:
      return false;
  }
}

export function isPanelToBackground(x: unknown): x is PanelToBackground {
  if (!isRecord(x) || x.source !== 'socket-scope-panel' || !Number.isInteger(x.tabId)) return false;
  if (x.type === 'page-command') return isPageCommand(x.command);
  return x.type === 'subscribe' || x.type === 'clear';
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
  if (
    !isRecord(x) ||
    !isString(x.id) ||
    typeof x.enabled !== 'boolean' ||
    !isString(x.urlContains) ||
    !isString(x.pattern)
  )
    return false;
  if (x.direction !== 'in' && x.direction !== 'out' && x.direction !== 'both') return false;
  if (x.pattern.length > 4_096) return false;
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

export function isPageCommand(x: unknown): x is PageCommand {
  if (!isRecord(x)) return false;
  if (x.type === 'set-rules') return Array.isArray(x.rules) && x.rules.length <= 200 && x.rules.every(isFrameRule);
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

export function isBackgroundToRelay(x: unknown): x is BackgroundToRelay {
  if (!isRecord(x) || x.source !== 'socket-scope-background') return false;
  return x.type === 'saved' ? isSeq(x.seq) : x.type === 'page-command' && isPageCommand(x.command);
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
  if (!isRecord(x) || x.source !== 'socket-scope-background') return false;
  if (x.type === 'popup-error') return isString(x.message);
  if (x.type === 'popup-snapshot' || x.type === 'popup-update') {
    return Array.isArray(x.connections) && x.connections.every(isConnectionSummary) && isEventList(x.events);
  }
  return false;
}

export const MAX_SAVE_PROBLEM_LENGTH = 2_000;

function isSaveProblem(x: unknown): x is SaveProblem {
  return (
    isRecord(x) &&
    (x.reason === 'quota' || x.reason === 'error') &&
    isString(x.message) &&
    x.message.length <= MAX_SAVE_PROBLEM_LENGTH
  );
}

export function isBackgroundToPanel(x: unknown): x is BackgroundToPanel {
  if (isRecord(x) && x.source === 'socket-scope-background' && x.type === 'save-status') {
    return Number.isInteger(x.tabId) && (x.problem === null || isSaveProblem(x.problem));
  }
  if (isRecord(x) && x.source === 'socket-scope-background' && x.type === 'command-error') {
    return Number.isInteger(x.tabId) && isString(x.message);
  }
  if (isRecord(x) && x.source === 'socket-scope-background' && x.type === 'rules') {
    return Number.isInteger(x.tabId) && Array.isArray(x.rules) && x.rules.every(isFrameRule);
  }
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
// CustomEvents whose type is a build-time secret (HOOK_EVENT / COMMAND_EVENT in scripts/build.mjs), and are
// structured-cloned between the worlds, so payloads may be raw ArrayBuffers and Blobs.
// ---------------------------------------------------------------------------------------------

/**
 * A captured payload. A Blob is a page's Blob frame, or a binary frame of BLOB_FROM_BYTES or more
 * that the hook copied into one: a Blob crosses to the relay and through its port as a handle to
 * bytes already in the browser, where an ArrayBuffer's bytes are copied at each step, on the
 * page's thread (Chrome: ~2.5 ms per MiB between the worlds, ~7 ms per MiB through the port).
 */
export type HookPayload = string | ArrayBuffer | Blob;
/** 64 KiB. Smaller binary frames stay ArrayBuffers: a Blob per frame would cost more than it saves. */
export const BLOB_FROM_BYTES = 65_536;
/** A payload as it crosses the relay's port: the same kinds as the hook's. */
export type RelayPayload = HookPayload;

/** A frame mark as the hook reports it: the original payload of a replace is still raw. */
export type HookFrameMark<P = HookPayload> =
  | Exclude<FrameMark, { kind: 'replaced' }>
  | { readonly kind: 'replaced'; readonly ruleId: string; readonly original: P };

/** A rule as the hook applies it: the pattern compiled (global) by the relay. */
export interface HookRule {
  readonly id: string;
  readonly regex: RegExp | null;
  readonly action: FrameRule['action'];
}

/** The enabled rules that apply to each socket, by direction (the relay matches the URLs). */
export type HookRules = Readonly<
  Record<string, { readonly in: readonly HookRule[]; readonly out: readonly HookRule[] }>
>;

/** A page command as the hook receives it: payloads already turned into page values. */
export type HookCommand =
  | Exclude<PageCommand, { payload: WirePayload } | { type: 'set-rules' }>
  | { readonly type: 'set-rules'; readonly rules: HookRules }
  | { readonly type: 'send'; readonly socketId: string; readonly data: string | ArrayBuffer }
  /** `origin` is the socket URL's origin, as a real message event carries it. */
  | {
      readonly type: 'fake-incoming';
      readonly socketId: string;
      readonly data: string | ArrayBuffer;
      readonly origin: string;
    };

/**
 * A hook event, as the background splits it out of a batch (HookBatch): a tuple, because the
 * hook must stay under 4 KB and property names would be most of it (and each name costs again in
 * every structured clone). The background turns each into a SocketEvent (core/relay-events.ts).
 */
export type HookEvent<P = HookPayload> =
  | readonly [
      type: 'created',
      socketId: string,
      time: number,
      url: string,
      protocols: string[],
      frameUrl: string,
      stack: string,
    ]
  | readonly [type: 'open', socketId: string, time: number, protocol: string, extensions: string]
  | readonly [type: 'frame', socketId: string, time: number, direction: Direction, data: P, mark?: HookFrameMark<P>]
  | readonly [type: 'error', socketId: string, time: number, simulated: boolean]
  | readonly [type: 'close', socketId: string, time: number, code: number, reason: string, wasClean: boolean];

/**
 * A batch as the hook hands it to the relay: its events' fields one after another, not one array
 * per event. In Firefox the relay copies each batch out of the page's compartment, and that copy
 * costs per object: at 100-byte frames it took ~29 % of the page process's CPU with an array per
 * event, ~12 % flat. Each event's length follows from its type (HOOK_EVENT_LENGTHS).
 */
export type HookBatch = readonly unknown[];
export const HOOK_EVENT_LENGTHS: Readonly<Record<HookEvent[0], number>> = {
  created: 7,
  open: 5,
  frame: 6,
  error: 4,
  close: 6,
};

/** A hook event as the relay forwards it to the background. */
export type RelayEvent = HookEvent<RelayPayload>;
