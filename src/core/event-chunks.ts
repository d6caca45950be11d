import { LIMITS, type RelayEvent, type SocketEvent } from '../protocol';

/**
 * Splits events so that no message exceeds the protocol's limits (events per message, payload
 * size per message); the receiving guard refuses more events. A single frame larger than the
 * size limit still travels, alone.
 */
function chunkBySize<E>(events: readonly E[], sizeOf: (event: E) => number, maxEvents: number, maxSize: number): E[][] {
  const out: E[][] = [];
  let chunk: E[] = [];
  let size = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const eventSize = sizeOf(event);
    if (chunk.length > 0 && (chunk.length === maxEvents || size + eventSize > maxSize)) {
      out.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(event);
    size += eventSize;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

const payloadChars = (event: SocketEvent) =>
  event.type === 'frame' ? (event.payload.kind === 'text' ? event.payload.text.length : event.payload.base64.length) : 0;

/** Socket events in messages within the limits (payload characters: text, or base64). */
export function chunkEvents(events: readonly SocketEvent[], maxEvents: number = LIMITS.maxEventsPerMessage, maxChars: number = LIMITS.maxMessageBytes): SocketEvent[][] {
  return chunkBySize(events, payloadChars, maxEvents, maxChars);
}

/** What a payload adds to a message: a Blob crosses as a handle, its bytes stay in the browser. */
const rawSize = (event: RelayEvent) => {
  if (event[0] !== 'frame') return 0;
  const data = event[4];
  return typeof data === 'string' ? data.length : data instanceof Blob ? 0 : data.byteLength;
};

/** The relay's raw tuples in messages within the limits (payload characters or bytes in the message). */
export function chunkRelayEvents(events: readonly RelayEvent[], maxEvents: number = LIMITS.maxEventsPerMessage, maxSize: number = LIMITS.maxMessageBytes): RelayEvent[][] {
  return chunkBySize(events, rawSize, maxEvents, maxSize);
}
