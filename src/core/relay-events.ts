import { LIMITS, type RelayEvent, type RelayPayload, type SocketEvent, type WirePayload } from '../protocol';
import { bytesToBase64 } from './bytes';

/**
 * The background's half of the capture transport: the relay forwards the hook's tuples with
 * binary as raw ArrayBuffers, and they become SocketEvents (binary as base64) here, so none of
 * this runs on the page's main thread.
 */
export function toSocketEvents(events: readonly RelayEvent[]): SocketEvent[] {
  const out = new Array<SocketEvent>(events.length);
  for (let i = 0; i < events.length; i++) out[i] = toSocketEvent(events[i]!);
  return out;
}

function toWirePayload(data: RelayPayload): WirePayload {
  return typeof data === 'string' ? { kind: 'text', text: data } : { kind: 'binary', base64: bytesToBase64(new Uint8Array(data)) };
}

/** Tuples are read by index, not destructured: array destructuring goes through the iterator protocol. */
export function toSocketEvent(event: RelayEvent): SocketEvent {
  switch (event[0]) {
    case 'frame': {
      const frame = { type: 'frame', socketId: event[1], time: event[2], direction: event[3], payload: toWirePayload(event[4]) } as const;
      const mark = event[5];
      if (!mark) return frame;
      if (mark.kind !== 'replaced') return { ...frame, mark };
      return { ...frame, mark: { ...mark, original: toWirePayload(mark.original) } };
    }
    case 'created':
      return { type: 'created', socketId: event[1], time: event[2], url: event[3], protocols: event[4], frameUrl: event[5], initiator: event[6] };
    case 'open':
      return { type: 'open', socketId: event[1], time: event[2], protocol: event[3], extensions: event[4] };
    case 'error':
      return { type: 'error', socketId: event[1], time: event[2], message: event[3] ? 'Simulated error (from the panel)' : 'WebSocket error' };
    case 'close':
      return { type: 'close', socketId: event[1], time: event[2], code: event[3], reason: event[4], wasClean: event[5] };
  }
}

/**
 * The page's part of a stack taken in the hook: no "Error" line, no frames of the hook itself,
 * within the protocol's limit (a page may raise `Error.stackTraceLimit`). The relay applies it.
 */
export function pageFrames(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => line.trim() !== '' && line.trim() !== 'Error' && !line.includes('/hook.js'))
    .slice(0, 30)
    .join('\n')
    .slice(0, LIMITS.maxStackLength);
}
