import type { Direction, WirePayload } from '../protocol';

/** The protocols a session can speak over a WebSocket. */
export type SessionProtocol = 'socket.io' | 'stomp' | 'mqtt' | 'graphql';

/**
 * The socket as a session sees it: whatever the background drives (a WebSocket in the service
 * worker, or one in Chrome's offscreen document behind a port). The owner logs every frame it
 * carries, so a session never needs to log anything itself.
 */
export interface SessionTransport {
  send(payload: WirePayload): void;
  close(code: number, reason: string): void;
}

export type TimerId = number;

/** Injected time, so that tests run the heartbeats and timeouts on a manual clock. */
export interface SessionTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

export interface SessionDeps {
  readonly transport: SessionTransport;
  readonly timers: SessionTimers;
  /** Called after anything that changes `status()`; the owner may batch and push it to the UI. */
  readonly onChange?: () => void;
}

/**
 * What a frame is to the protocol, for the log: heartbeats can be hidden by one switch,
 * handshake frames grouped. `unknown`: not a frame of this protocol (malformed).
 */
export type FrameClass = 'handshake' | 'heartbeat' | 'message' | 'control' | 'error' | 'unknown';

export type RunResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * `idle`: the socket is not open yet; `handshake`: the protocol's connect was sent;
 * `ready`: commands may run; `failed`: the server refused the handshake; `closed`: the socket closed.
 */
export type SessionPhase = 'idle' | 'handshake' | 'ready' | 'failed' | 'closed';

/** What every session's status holds; each protocol adds its own fields. Plain data: it crosses ports. */
export interface SessionStatusBase {
  readonly protocol: SessionProtocol;
  readonly phase: SessionPhase;
  /** The last protocol error, in the protocol's words (a connect_error message, an ERROR frame, …). */
  readonly error: string | null;
  readonly heartbeats: { readonly sent: number; readonly received: number };
  /** Entries dropped from the bounded lists (events, messages, results), counted. */
  readonly dropped: number;
}

/** One protocol session over one socket. Never throws on server input. */
export interface ProtocolSession<Command, Status extends SessionStatusBase> {
  readonly protocol: SessionProtocol;
  /** The socket opened: the session sends its handshake (if the protocol's client speaks first). */
  opened(): void;
  received(payload: WirePayload): void;
  /** The socket closed; timers stop, pending acks and operations end. */
  closed(code: number, reason: string): void;
  /** Validates the command first: a refused command sends nothing. */
  run(command: Command): RunResult;
  status(): Status;
  classify(payload: WirePayload, direction: Direction): FrameClass;
  /** Stops every timer; the session does nothing after it. */
  dispose(): void;
}
