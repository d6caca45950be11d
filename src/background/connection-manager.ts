import { createEventLog, type EventLogLimits, DEFAULT_LIMITS } from '../core/event-log';
import { base64ToBytes as base64Bytes } from '../core/bytes';
import { checkWebSocketUrl } from '../core/ws-url';
import type { ConnectionSummary, HandshakeHeader, RepeatPlan, SocketEvent, WirePayload } from '../protocol';
import { startRepeat } from './repeat-sender';
import {
  attachSocket,
  reconnectDelay,
  summaryOf,
  type Connection,
  type ReconnectOptions,
  type WebSocketLike,
} from './connection';
import { errorText } from '../core/errors';

export type { WebSocketLike } from './connection';

/**
 * The popup's own connections. They live here, in the background, so that closing the popup
 * does not close them. Pure logic over an injected WebSocket constructor: unit tests use the
 * `ws` package's client against a real server.
 */
export interface ConnectionManager {
  connect(
    url: string,
    protocols: readonly string[],
    autoReconnect?: boolean,
    headers?: readonly HandshakeHeader[],
  ): Result<{ id: string }>;
  send(id: string, payload: WirePayload): Result;
  disconnect(id: string, code: number, reason: string): Result;
  clearLog(id: string): Result;
  setLogLimit(id: string, maxFrames: number): Result;
  /** Sends a message now and periodically (see startRepeat); replaces a repeat already running. */
  startRepeat(id: string, plan: RepeatPlan): Result;
  stopRepeat(id: string): Result;
  /** Closes (if needed) and forgets a connection and its log. */
  remove(id: string): Result;
  summaries(): ConnectionSummary[];
  events(): SocketEvent[];
  /** Called with the events that happened since the last call; [] when only summaries changed. */
  onChange(listener: (events: SocketEvent[]) => void): () => void;
}

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string };

export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

export interface HandshakeHeaderSupport {
  /** Sets handshake headers before a socket is created; resolves with their removal. */
  apply(url: string, headers: readonly HandshakeHeader[]): Promise<() => void>;
  /** Makes the sockets that carry headers, where the header rules apply (Chrome: an offscreen document). */
  readonly createSocket?: WebSocketFactory;
}

const NO_HEADER_SUPPORT: HandshakeHeaderSupport = {
  apply: () => Promise.reject(new Error('Handshake headers are not supported here')),
};

export function createConnectionManager(
  createSocket: WebSocketFactory,
  now: () => number = () => Date.now(),
  limits: EventLogLimits = DEFAULT_LIMITS,
  reconnect: ReconnectOptions = { baseMs: 1_000, maxMs: 30_000, stableMs: 10_000 },
  headerSupport: HandshakeHeaderSupport = NO_HEADER_SUPPORT,
): ConnectionManager {
  const connections = new Map<string, Connection>();
  const listeners = new Set<(events: SocketEvent[]) => void>();
  let nextId = 1;

  const record = (c: Connection, event: SocketEvent) => {
    if (connections.get(c.id) !== c) return; // removed: late events of its socket are ignored
    c.log.append([event]);
    for (const l of listeners) l([event]);
  };
  /** Tells listeners that summaries changed without a socket event (repeat or reconnect state). */
  const summariesChanged = () => {
    for (const l of listeners) l([]);
  };

  const sendNow = (c: Connection, payload: WirePayload): Result => {
    if (c.state !== 'open' || !c.socket) return { ok: false, error: `Cannot send: the connection is ${c.state}` };
    try {
      c.socket.send(payload.kind === 'text' ? payload.text : base64Bytes(payload.base64));
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
    record(c, { type: 'frame', socketId: c.id, time: now(), direction: 'out', payload });
    return { ok: true };
  };

  const stopRepeat = (c: Connection) => {
    if (!c.repeat) return;
    c.repeat.stop();
    c.repeat = null;
    summariesChanged();
  };

  const createAndAttach = (c: Connection, removeHeaders: () => void): Result => {
    try {
      const make = c.headers.length > 0 ? (headerSupport.createSocket ?? createSocket) : createSocket;
      c.socket = make(c.url, [...c.protocols]);
    } catch (error) {
      removeHeaders();
      return { ok: false, error: errorText(error) };
    }
    c.state = 'connecting';
    record(c, { type: 'created', socketId: c.id, time: now(), url: c.url, protocols: [...c.protocols], frameUrl: '' });
    // The headers only matter for the handshake: the rule goes as soon as it is over.
    attachSocket(
      c,
      c.socket,
      now,
      (event) => {
        if (event.type === 'open' || event.type === 'close') removeHeaders();
        record(c, event);
      },
      () => {
        stopRepeat(c);
        scheduleReconnect(c);
      },
    );
    return { ok: true };
  };

  const open = (c: Connection): Result => {
    if (c.headers.length === 0) return createAndAttach(c, () => {});
    c.state = 'connecting';
    headerSupport.apply(c.url, c.headers).then(
      (remove) => {
        if (c.userClosed || connections.get(c.id) !== c) return remove();
        const created = createAndAttach(c, remove);
        if (!created.ok) fail(c, created.error);
      },
      (error: unknown) => fail(c, `Could not set the handshake headers: ${errorText(error)}`),
    );
    return { ok: true };
  };

  /** A connection that never got a socket: shown as failed, like a refused one. */
  const fail = (c: Connection, message: string) => {
    record(c, { type: 'error', socketId: c.id, time: now(), message });
    c.state = 'closed';
    summariesChanged();
  };

  const scheduleReconnect = (c: Connection) => {
    if (!c.autoReconnect || c.userClosed || connections.get(c.id) !== c) return;
    // A server that accepts and closes at once must not be hammered: only a connection that
    // stayed up for a while resets the backoff.
    if (c.openedAt !== null && now() - c.openedAt >= reconnect.stableMs) c.reconnectAttempt = 0;
    c.reconnectAttempt++;
    const delay = reconnectDelay(c.reconnectAttempt, reconnect);
    c.reconnectAt = now() + delay;
    summariesChanged(); // and the keep-alive must stay on
    c.reconnectTimer = setTimeout(() => {
      c.reconnectTimer = null;
      c.reconnectAt = null;
      c.createdAt = now();
      open(c);
    }, delay);
  };

  const cancelReconnect = (c: Connection) => {
    if (c.reconnectTimer === null) return;
    clearTimeout(c.reconnectTimer);
    c.reconnectTimer = null;
    c.reconnectAt = null;
    summariesChanged();
  };

  const withConnection = (id: string, fn: (c: Connection) => Result): Result => {
    const c = connections.get(id);
    return c ? fn(c) : { ok: false, error: 'No such connection' };
  };

  return {
    connect(url, protocols, autoReconnect = false, headers = []) {
      const checked = checkWebSocketUrl(url);
      if (!checked.ok) return checked;
      const id = `c${nextId++}`;
      const c: Connection = {
        id,
        url: checked.url,
        protocols: [...protocols],
        headers: [...headers],
        socket: null,
        state: 'connecting',
        protocol: '',
        extensions: '',
        createdAt: now(),
        openedAt: null,
        closeCode: null,
        closeReason: '',
        log: createEventLog(limits),
        frameLimit: limits.maxFrames,
        droppedBefore: 0,
        autoReconnect,
        reconnectAttempt: 0,
        reconnectAt: null,
        reconnectTimer: null,
        userClosed: false,
        repeat: null,
      };
      connections.set(id, c);
      const opened = open(c);
      if (!opened.ok) connections.delete(id);
      return opened.ok ? { ok: true, id } : opened;
    },
    send: (id, payload) => withConnection(id, (c) => sendNow(c, payload)),
    startRepeat: (id, plan) =>
      withConnection(id, (c) => {
        if (c.state !== 'open') return { ok: false, error: `Cannot repeat: the connection is ${c.state}` };
        stopRepeat(c);
        const started = startRepeat(
          plan,
          (payload) => sendNow(c, payload),
          () => {
            c.repeat = null;
            summariesChanged();
          },
        );
        if (!started.ok) return started;
        // A repeat of one send is already over: only a running one is kept.
        if (started.repeat.isRunning()) c.repeat = started.repeat;
        summariesChanged();
        return { ok: true };
      }),
    stopRepeat: (id) =>
      withConnection(id, (c) => {
        stopRepeat(c);
        return { ok: true };
      }),
    disconnect: (id, code, reason) =>
      withConnection(id, (c) => {
        c.userClosed = true;
        stopRepeat(c);
        cancelReconnect(c);
        if (c.state === 'closed' || c.state === 'closing' || !c.socket) return { ok: true };
        try {
          c.socket.close(code, reason);
        } catch (error) {
          return { ok: false, error: errorText(error) };
        }
        c.state = 'closing';
        return { ok: true };
      }),
    clearLog: (id) =>
      withConnection(id, (c) => {
        c.log.clear();
        c.droppedBefore = 0;
        return { ok: true };
      }),
    setLogLimit: (id, maxFrames) =>
      withConnection(id, (c) => {
        const kept = c.log.all();
        c.droppedBefore += c.log.dropped;
        c.frameLimit = maxFrames;
        c.log = createEventLog({ ...limits, maxFrames });
        c.log.append(kept);
        return { ok: true };
      }),
    remove: (id) =>
      withConnection(id, (c) => {
        c.userClosed = true;
        stopRepeat(c);
        cancelReconnect(c);
        connections.delete(id);
        if (c.socket && c.state !== 'closed') c.socket.close(1000, '');
        return { ok: true };
      }),
    summaries() {
      return [...connections.values()].map(summaryOf);
    },
    events() {
      return [...connections.values()].flatMap((c) => c.log.all());
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
