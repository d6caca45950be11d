import { LIMITS, type SocketEvent } from '../protocol';

/**
 * Splits events so that no message exceeds the protocol's limits (events per message, payload
 * characters per message); the receiving guard refuses larger ones. A single frame larger than
 * the byte limit still travels, alone.
 */
export function chunkEvents(events: readonly SocketEvent[], maxEvents: number = LIMITS.maxEventsPerMessage, maxChars: number = LIMITS.maxMessageBytes): SocketEvent[][] {
  const out: SocketEvent[][] = [];
  let chunk: SocketEvent[] = [];
  let chars = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const size = event.type === 'frame' ? (event.payload.kind === 'text' ? event.payload.text.length : event.payload.base64.length) : 0;
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
