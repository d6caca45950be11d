import { LIMITS, type SocketEvent } from '../protocol';

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
