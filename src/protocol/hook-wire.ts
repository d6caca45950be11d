/**
 * The hook's wire format: what the page hook (MAIN world) hands the relay (content script), and
 * what the relay forwards to the background as it is. These never cross a runtime port as
 * objects of their own: they travel as the `detail` of CustomEvents whose type is a build-time
 * secret (scripts/build.mjs), structured-cloned between the worlds, so payloads may be raw
 * ArrayBuffers and Blobs. docs/ARCHITECTURE.md follows one frame through all of it.
 *
 * The hook imports only types and constants from here: it is built as a tiny standalone IIFE.
 */
import { isFiniteNumber, isRecord, isString, isStringArray } from '../core/guards';
import {
  LIMITS,
  isFrameMark,
  isSocketId,
  type Direction,
  type FrameMark,
  type FrameRule,
  type PageCommand,
} from './values';

/**
 * A captured payload. A Blob is a page's Blob frame, or a binary frame of BLOB_FROM_BYTES or more
 * that the hook copied into one: a Blob crosses to the relay and through its port as a handle to
 * bytes already in the browser, where an ArrayBuffer's bytes are copied at each step, on the
 * page's thread (Chrome: ~2.5 ms per MiB between the worlds, ~7 ms per MiB through the port).
 */
export type HookPayload = string | ArrayBuffer | Blob;
/** 64 KiB. Smaller binary frames stay ArrayBuffers: a Blob per frame would cost more than it saves. */
export const BLOB_FROM_BYTES = 65_536;

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
  | Exclude<PageCommand, { payload: unknown } | { type: 'set-rules' }>
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
 * A hook event: a tuple, because the hook must stay small and property names would be most of
 * it (and each name costs again in every structured clone). Read its fields through the
 * offsets below, never by bare numbers. The background turns each into a SocketEvent
 * (core/relay-events.ts).
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

export type HookEventType = HookEvent[0];

/** Where each field of a hook event sits, counted from its type; `length` is its field count. */
export const FIELDS = {
  created: { socketId: 1, time: 2, url: 3, protocols: 4, frameUrl: 5, stack: 6, length: 7 },
  open: { socketId: 1, time: 2, protocol: 3, extensions: 4, length: 5 },
  frame: { socketId: 1, time: 2, direction: 3, data: 4, mark: 5, length: 6 },
  error: { socketId: 1, time: 2, simulated: 3, length: 4 },
  close: { socketId: 1, time: 2, code: 3, reason: 4, wasClean: 5, length: 6 },
} as const satisfies Record<HookEventType, Record<string, number> & { socketId: 1; time: 2 }>;

// Compile-time proof that the offsets name the tuple's fields (a wrong one fails the typecheck).
type EventOf<T extends HookEventType> = Extract<HookEvent, readonly [T, ...unknown[]]>;
type Check<T extends true> = T;
export type OffsetsMatchTuples = Check<
  [
    EventOf<'created'>[typeof FIELDS.created.url] extends string ? true : false,
    EventOf<'created'>[typeof FIELDS.created.protocols] extends string[] ? true : false,
    EventOf<'created'>[typeof FIELDS.created.stack] extends string ? true : false,
    EventOf<'frame'>[typeof FIELDS.frame.direction] extends Direction ? true : false,
    EventOf<'frame'>[typeof FIELDS.frame.data] extends HookPayload ? true : false,
    EventOf<'frame'>[typeof FIELDS.frame.mark] extends HookFrameMark | undefined ? true : false,
    EventOf<'close'>[typeof FIELDS.close.wasClean] extends boolean ? true : false,
    EventOf<'error'>[typeof FIELDS.error.simulated] extends boolean ? true : false,
  ] extends true[]
    ? true
    : false
>;

/**
 * A batch as the hook hands it to the relay: its events' fields one after another, not one array
 * per event. In Firefox the relay copies each batch out of the page's compartment, and that copy
 * costs per object: at 100-byte frames it took ~29 % of the page process's CPU with an array per
 * event, ~12 % flat. Each event's length follows from its type (FIELDS[type].length).
 */
export type HookBatch = readonly unknown[];

/** A hook event as the relay forwards it to the background: the same payload kinds. */
export type RelayEvent = HookEvent;

const lengthOf = (type: unknown): number =>
  typeof type === 'string' && Object.hasOwn(FIELDS, type) ? FIELDS[type as HookEventType].length : 0;

/**
 * Walks a hook batch event by event (`start`: the index of its type); false when it is not one:
 * an unknown type, or fields missing at the end. The events' fields are not checked here.
 */
export function forEachHookEvent(batch: HookBatch, visit: (type: HookEventType, start: number) => void): boolean {
  for (let i = 0; i < batch.length;) {
    const type = batch[i];
    const length = lengthOf(type);
    if (length === 0 || i + length > batch.length) return false;
    visit(type as HookEventType, i);
    i += length;
  }
  return true;
}

const isHookPayload = (x: unknown): x is HookPayload => isString(x) || x instanceof ArrayBuffer || x instanceof Blob;

const isHookMark = (x: unknown): x is HookFrameMark =>
  isRecord(x) && (x.kind === 'replaced' ? isString(x.ruleId) && isHookPayload(x.original) : isFrameMark(x));

const isBoundedString = (x: unknown, max: number): x is string => isString(x) && x.length <= max;

/** A hook tuple as the relay forwards it; the same limits as isSocketEvent. */
export function isRelayEvent(x: unknown): x is RelayEvent {
  if (!Array.isArray(x)) return false;
  const e = x as readonly unknown[];
  if (e.length !== lengthOf(e[0]) || !isSocketId(e[1]) || !isFiniteNumber(e[2])) return false;
  switch (e[0] as HookEventType) {
    case 'created': {
      const f = FIELDS.created;
      return (
        isBoundedString(e[f.url], LIMITS.maxUrlLength) &&
        isStringArray(e[f.protocols]) &&
        isString(e[f.frameUrl]) &&
        isBoundedString(e[f.stack], LIMITS.maxStackLength)
      );
    }
    case 'open':
      return isString(e[FIELDS.open.protocol]) && isString(e[FIELDS.open.extensions]);
    case 'frame': {
      const f = FIELDS.frame;
      const direction = e[f.direction];
      const mark = e[f.mark];
      return (
        (direction === 'in' || direction === 'out') &&
        isHookPayload(e[f.data]) &&
        (mark === undefined || isHookMark(mark))
      );
    }
    case 'error':
      return typeof e[FIELDS.error.simulated] === 'boolean';
    case 'close': {
      const f = FIELDS.close;
      return (
        isFiniteNumber(e[f.code]) &&
        isBoundedString(e[f.reason], LIMITS.maxReasonLength) &&
        typeof e[f.wasClean] === 'boolean'
      );
    }
  }
}

/** A relay's batch as events, each checked (isRelayEvent); null when any is not one or there are too many. */
export function parseHookBatch(batch: unknown): RelayEvent[] | null {
  // Bounded before it is walked: no event has more fields than `created`. (Read here, not at
  // module level: a top-level property read would keep FIELDS in the hook's bundle.)
  if (!Array.isArray(batch) || batch.length > LIMITS.maxEventsPerMessage * FIELDS.created.length) return null;
  const events: RelayEvent[] = [];
  let allValid = true;
  const split = forEachHookEvent(batch, (type, start) => {
    const event: unknown = batch.slice(start, start + FIELDS[type].length);
    if (isRelayEvent(event)) events.push(event);
    else allValid = false;
  });
  return split && allValid && events.length <= LIMITS.maxEventsPerMessage ? events : null;
}

/** What a frame's payload adds to a message: a Blob crosses as a handle, its bytes stay in the browser. */
const rawSize = (data: unknown) =>
  typeof data === 'string' ? data.length : data instanceof ArrayBuffer ? data.byteLength : 0;

/** One message's worth of a relay's batch. */
export interface HookChunk {
  readonly batch: HookBatch;
  /** What its payloads hold in memory, Blobs included: for the bound on what a relay keeps. */
  readonly held: number;
}

/**
 * A relay's batch in batches within the limits (events; payload characters or bytes), each with
 * what it holds, in one walk. The batch itself when it fits, as it nearly always does: no copy.
 */
export function chunkHookBatch(
  batch: HookBatch,
  maxEvents: number = LIMITS.maxEventsPerMessage,
  maxSize: number = LIMITS.maxMessageBytes,
): HookChunk[] {
  const cuts: number[] = [];
  const helds: number[] = [];
  let events = 0;
  let size = 0;
  let held = 0;
  forEachHookEvent(batch, (type, start) => {
    const data = type === 'frame' ? batch[start + FIELDS.frame.data] : undefined;
    const eventSize = rawSize(data);
    if (events > 0 && (events === maxEvents || size + eventSize > maxSize)) {
      cuts.push(start);
      helds.push(held);
      events = 0;
      size = 0;
      held = 0;
    }
    events++;
    size += eventSize;
    // A Blob's bytes count too, read by duck type: in Firefox's relay it may come from another realm.
    held += eventSize || ((data as { size?: number } | undefined)?.size ?? 0);
  });
  helds.push(held);
  if (cuts.length === 0) return [{ batch, held }];
  const bounds = [0, ...cuts, batch.length];
  return bounds.slice(1).map((end, i) => ({ batch: batch.slice(bounds[i], end), held: helds[i]! }));
}
