import type { Direction } from '../../protocol';
import type { Correlation, DecodeResult, DecoderId } from './types';

export interface PairingNote {
  readonly scope: DecoderId;
  readonly id: string;
  /**
   * started: a request; update: a reply that keeps the exchange open (GraphQL `next`);
   * done: the final reply; cancelled: the requester ended it; unmatched: no request is known
   * (sent before capture began, evicted, or already done).
   */
  readonly status: 'started' | 'update' | 'done' | 'cancelled' | 'unmatched';
  /** The request's operation (GraphQL operation name, JSON-RPC method, SignalR target, event). */
  readonly operation?: string;
  readonly requestTime?: number;
  /** Time from the request to this message. */
  readonly latencyMs?: number;
}

export interface ObservedMessage {
  readonly socketId: string;
  readonly direction: Direction;
  /** Epoch ms, as in SocketEvent.time. */
  readonly time: number;
  readonly result: DecodeResult;
}

export interface PairingTracker {
  /** Notes for each correlated message of the frame (a batch gives several), in order. */
  observe(message: ObservedMessage): PairingNote[];
  /** Requests waiting for their final reply. */
  readonly pending: number;
  /** Pending requests dropped to stay under `maxPending`, since creation. */
  readonly evicted: number;
  /** Drops a socket's pending requests (call when it closes). */
  forgetSocket(socketId: string): void;
}

interface PendingRequest {
  readonly time: number;
  readonly operation?: string;
}

const opposite = (d: Direction): Direction => (d === 'in' ? 'out' : 'in');

/** Pure, incremental request/reply pairing, bounded to `maxPending` open requests (oldest go first). */
export function createPairingTracker(options: { readonly maxPending?: number } = {}): PairingTracker {
  const maxPending = Math.max(1, options.maxPending ?? 1000);
  const pending = new Map<string, PendingRequest>();
  let evicted = 0;

  const note = (message: ObservedMessage, correlation: Correlation): PairingNote => {
    const { scope, id, role } = correlation;
    // The requester's side: a reply travels the other way, a cancel the same way as the request.
    const requester = role === 'reply' ? opposite(message.direction) : message.direction;
    const key = `${message.socketId}\u0000${scope}\u0000${requester}\u0000${id}`;
    if (role === 'request') {
      pending.delete(key); // a reused id starts over, and becomes the newest
      pending.set(key, { time: message.time, ...(correlation.operation ? { operation: correlation.operation } : {}) });
      while (pending.size > maxPending) {
        const oldest = pending.keys().next().value as string;
        pending.delete(oldest);
        evicted++;
      }
      return { scope, id, status: 'started', ...(correlation.operation ? { operation: correlation.operation } : {}) };
    }
    const request = pending.get(key);
    if (!request) return { scope, id, status: 'unmatched' };
    if (correlation.final) pending.delete(key);
    const status = !correlation.final ? 'update' : role === 'cancel' ? 'cancelled' : 'done';
    return {
      scope,
      id,
      status,
      ...(request.operation ? { operation: request.operation } : {}),
      requestTime: request.time,
      latencyMs: message.time - request.time,
    };
  };

  return {
    observe(message) {
      const notes: PairingNote[] = [];
      const visit = (result: DecodeResult, depth: number) => {
        if (result.correlation) notes.push(note(message, result.correlation));
        if (depth < 3) for (const part of result.parts ?? []) visit(part, depth + 1);
      };
      visit(message.result, 0);
      return notes;
    },
    get pending() {
      return pending.size;
    },
    get evicted() {
      return evicted;
    },
    forgetSocket(socketId) {
      const prefix = `${socketId}\u0000`;
      for (const key of [...pending.keys()]) if (key.startsWith(prefix)) pending.delete(key);
    },
  };
}

/** `subscribe #1 OnPrice` style suffix for a row: the operation and the latency when known. */
export function describePairing(note: PairingNote): string {
  const parts: string[] = [];
  if (note.operation && note.status !== 'started') parts.push(note.operation);
  if (note.latencyMs !== undefined) parts.push(`+${Math.round(note.latencyMs)} ms`);
  if (note.status === 'unmatched') parts.push('(no request seen)');
  return parts.join(' ');
}
