import { wirePayloadOf } from '../core/bytes';
import type { EventLog } from '../core/event-log';
import type { RunningRepeat } from './repeat-sender';
import type { ConnectionSummary, HandshakeHeader, SocketEvent, SocketState } from '../protocol';

export type WebSocketLike = Pick<
  WebSocket,
  'send' | 'close' | 'readyState' | 'protocol' | 'extensions' | 'binaryType'
> & {
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: Event) => void) | null;
  onclose: ((e: CloseEvent) => void) | null;
};

/** One popup connection: its current socket (replaced on auto-reconnect) and its log. */
export interface Connection {
  readonly id: string;
  readonly url: string;
  readonly protocols: readonly string[];
  readonly headers: readonly HandshakeHeader[];
  socket: WebSocketLike | null;
  state: SocketState;
  protocol: string;
  extensions: string;
  createdAt: number;
  openedAt: number | null;
  closeCode: number | null;
  closeReason: string;
  log: EventLog;
  frameLimit: number;
  /** Drops counted by logs replaced when the limit changed. */
  droppedBefore: number;
  readonly autoReconnect: boolean;
  reconnectAttempt: number;
  reconnectAt: number | null;
  reconnectTimer: ReturnType<typeof setTimeout> | null;
  /** The user asked to close: never reconnect. */
  userClosed: boolean;
  /** Periodic send in progress; stopped when the socket closes. */
  repeat: RunningRepeat | null;
}

export interface ReconnectOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  /** A connection that stayed open this long starts counting attempts from 1 again. */
  readonly stableMs: number;
}

/** Exponential backoff: base, 2×base, 4×base, … capped at maxMs. `attempt` starts at 1. */
export function reconnectDelay(attempt: number, { baseMs, maxMs }: ReconnectOptions): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
}

/** Wires a socket's events to the connection's state and log. */
export function attachSocket(
  c: Connection,
  socket: WebSocketLike,
  now: () => number,
  record: (event: SocketEvent) => void,
  onClosed: () => void,
): void {
  const id = c.id;
  const current = () => c.socket === socket;
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => {
    if (!current()) return;
    c.state = 'open';
    c.openedAt = now();
    c.protocol = socket.protocol;
    c.extensions = socket.extensions;
    record({ type: 'open', socketId: id, time: c.openedAt, protocol: c.protocol, extensions: c.extensions });
  };
  socket.onmessage = (e) => {
    const payload = current() ? wirePayloadOf(e.data) : null;
    if (payload) record({ type: 'frame', socketId: id, time: now(), direction: 'in', payload });
  };
  socket.onerror = () => {
    if (!current()) return;
    // Browsers do not say why a socket failed; the close event that follows carries the code.
    const message =
      c.state === 'connecting'
        ? 'Connection failed (refused, unreachable, TLS or handshake rejected)'
        : 'Connection error';
    record({ type: 'error', socketId: id, time: now(), message });
  };
  socket.onclose = (e) => {
    if (!current()) return;
    c.state = 'closed';
    c.closeCode = e.code;
    c.closeReason = e.reason;
    record({ type: 'close', socketId: id, time: now(), code: e.code, reason: e.reason, wasClean: e.wasClean });
    onClosed();
  };
}

export function summaryOf(c: Connection): ConnectionSummary {
  return {
    id: c.id,
    url: c.url,
    state: c.state,
    protocol: c.protocol,
    extensions: c.extensions,
    openedAt: c.openedAt,
    closeCode: c.closeCode,
    closeReason: c.closeReason,
    dropped: c.droppedBefore + c.log.dropped,
    createdAt: c.createdAt,
    protocols: c.protocols,
    autoReconnect: c.autoReconnect,
    reconnectAttempt: c.reconnectAttempt,
    reconnectAt: c.reconnectAt,
    frameLimit: c.frameLimit,
    repeat: c.repeat?.status() ?? null,
  };
}
