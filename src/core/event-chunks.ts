import { LIMITS, forEachHookEvent, type HookBatch, type SocketEvent } from '../protocol';

const payloadChars = (event: SocketEvent) =>
  event.type === 'frame'
    ? event.payload.kind === 'text'
      ? event.payload.text.length
      : event.payload.base64.length
    : 0;

/**
 * Splits socket events so that no message exceeds the protocol's limits (events per message,
 * payload characters per message: text, or base64); the receiving guard refuses more events. A
 * single frame larger than the size limit still travels, alone.
 */
export function chunkEvents(
  events: readonly SocketEvent[],
  maxEvents: number = LIMITS.maxEventsPerMessage,
  maxChars: number = LIMITS.maxMessageBytes,
): SocketEvent[][] {
  const out: SocketEvent[][] = [];
  let chunk: SocketEvent[] = [];
  let chars = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const size = payloadChars(event);
    if (chunk.length > 0 && (chunk.length === maxEvents || chars + size > maxChars)) {
      out.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(event);
    chars += size;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
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
    const data = type === 'frame' ? batch[start + 4] : undefined;
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
