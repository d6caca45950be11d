import { createEventLog, type EventLog, type EventLogLimits, DEFAULT_LIMITS } from '../core/event-log';
import { base64ToBytes, bytesToBase64 } from '../core/bytes';
import { checkWebSocketUrl } from '../core/ws-url';
import type { ConnectionSummary, SocketEvent, SocketState, WirePayload } from '../protocol';

/**
 * The popup's own connections. They live here, in the background, so that closing the popup
 * does not close them. Pure logic over an injected WebSocket constructor: unit tests use the
 * `ws` package's client against a real server.
 */
export interface ConnectionManager {
  connect(url: string, protocols: readonly string[]): { ok: true; id: string } | { ok: false; error: string };
  send(id: string, payload: WirePayload): { ok: true } | { ok: false; error: string };
  disconnect(id: string, code: number, reason: string): { ok: true } | { ok: false; error: string };
  summaries(): ConnectionSummary[];
  events(): SocketEvent[];
  /** Called with the events that happened since the last call (state changes included). */
  onChange(listener: (events: SocketEvent[]) => void): () => void;
}

export type WebSocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState' | 'protocol' | 'extensions' | 'binaryType'> & {
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: Event) => void) | null;
  onclose: ((e: CloseEvent) => void) | null;
};

export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

interface Connection {
  id: string;
  url: string;
  socket: WebSocketLike;
  state: SocketState;
  protocol: string;
  extensions: string;
  openedAt: number | null;
  closeCode: number | null;
  closeReason: string;
  log: EventLog;
}

export function createConnectionManager(
  createSocket: WebSocketFactory,
  now: () => number = () => Date.now(),
  limits: EventLogLimits = DEFAULT_LIMITS,
): ConnectionManager {
  const connections = new Map<string, Connection>();
  const listeners = new Set<(events: SocketEvent[]) => void>();
  let nextId = 1;

  const record = (c: Connection, event: SocketEvent) => {
    c.log.append([event]);
    for (const l of listeners) l([event]);
  };

  const payloadOf = (data: unknown): WirePayload | null => {
    if (typeof data === 'string') return { kind: 'text', text: data };
    if (data instanceof ArrayBuffer) return { kind: 'binary', base64: bytesToBase64(new Uint8Array(data)) };
    if (ArrayBuffer.isView(data)) {
      return { kind: 'binary', base64: bytesToBase64(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) };
    }
    return null;
  };

  return {
    connect(url, protocols) {
      const checked = checkWebSocketUrl(url);
      if (!checked.ok) return checked;
      let socket: WebSocketLike;
      try {
        socket = createSocket(checked.url, [...protocols]);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      socket.binaryType = 'arraybuffer';
      const id = `c${nextId++}`;
      const c: Connection = {
        id,
        url: checked.url,
        socket,
        state: 'connecting',
        protocol: '',
        extensions: '',
        openedAt: null,
        closeCode: null,
        closeReason: '',
        log: createEventLog(limits),
      };
      connections.set(id, c);
      record(c, { type: 'created', socketId: id, time: now(), url: c.url, protocols: [...protocols], frameUrl: '' });
      socket.onopen = () => {
        c.state = 'open';
        c.openedAt = now();
        c.protocol = socket.protocol;
        c.extensions = socket.extensions;
        record(c, { type: 'open', socketId: id, time: c.openedAt, protocol: c.protocol, extensions: c.extensions });
      };
      socket.onmessage = (e) => {
        const payload = payloadOf(e.data);
        if (payload) record(c, { type: 'frame', socketId: id, time: now(), direction: 'in', payload });
      };
      socket.onerror = () => {
        // Browsers do not say why a socket failed; the close event that follows carries the code.
        const message = c.state === 'connecting' ? 'Connection failed (refused, unreachable, TLS or handshake rejected)' : 'Connection error';
        record(c, { type: 'error', socketId: id, time: now(), message });
      };
      socket.onclose = (e) => {
        c.state = 'closed';
        c.closeCode = e.code;
        c.closeReason = e.reason;
        record(c, { type: 'close', socketId: id, time: now(), code: e.code, reason: e.reason, wasClean: e.wasClean });
      };
      return { ok: true, id };
    },
    send(id, payload) {
      const c = connections.get(id);
      if (!c) return { ok: false, error: 'No such connection' };
      if (c.state !== 'open') return { ok: false, error: `Cannot send: the connection is ${c.state}` };
      try {
        if (payload.kind === 'text') c.socket.send(payload.text);
        else c.socket.send(base64ToBytes(payload.base64));
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      record(c, { type: 'frame', socketId: id, time: now(), direction: 'out', payload });
      return { ok: true };
    },
    disconnect(id, code, reason) {
      const c = connections.get(id);
      if (!c) return { ok: false, error: 'No such connection' };
      if (c.state === 'closed' || c.state === 'closing') return { ok: true };
      try {
        c.socket.close(code, reason);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      c.state = 'closing';
      return { ok: true };
    },
    summaries() {
      return [...connections.values()].map((c) => ({
        id: c.id,
        url: c.url,
        state: c.state,
        protocol: c.protocol,
        extensions: c.extensions,
        openedAt: c.openedAt,
        closeCode: c.closeCode,
        closeReason: c.closeReason,
        dropped: c.log.dropped,
      }));
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
