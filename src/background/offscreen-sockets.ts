import type { Channel } from '../core/channel';
import { base64ToBytes, wirePayloadOf } from '../core/bytes';
import { checkCloseRequest } from '../core/close-codes';
import type { BackgroundToOffscreen, OffscreenSocketEvent, OffscreenToBackground } from '../protocol';
import type { WebSocketLike } from './connection';

export type OffscreenChannel = Channel<BackgroundToOffscreen, OffscreenToBackground>;

type Command = BackgroundToOffscreen extends infer M
  ? M extends BackgroundToOffscreen
    ? Omit<M, 'source'>
    : never
  : never;

/** A socket that lives in the offscreen document, seen from the background as a WebSocket. */
interface RemoteSocket extends Omit<WebSocketLike, 'readyState' | 'protocol' | 'extensions'> {
  readyState: number;
  protocol: string;
  extensions: string;
  deliver(event: OffscreenSocketEvent): void;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

function createRemoteSocket(post: (command: Command) => void, socketId: string): RemoteSocket {
  const socket: RemoteSocket = {
    readyState: CONNECTING,
    protocol: '',
    extensions: '',
    binaryType: 'arraybuffer',
    onopen: null,
    onmessage: null,
    onerror: null,
    onclose: null,
    // The same synchronous errors as a real WebSocket, so the connection manager reports them.
    send(data) {
      if (socket.readyState === CONNECTING) throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
      if (socket.readyState !== OPEN) return; // a real socket drops sends after close, silently
      const payload = wirePayloadOf(data);
      if (!payload) throw new TypeError('Only strings and binary data can be sent here');
      post({ type: 'socket-send', socketId, payload });
    },
    close(code?: number, reason = '') {
      const badCode = code === undefined ? null : checkCloseRequest(code, '');
      if (badCode) throw new DOMException(badCode, 'InvalidAccessError');
      const badReason = checkCloseRequest(1000, reason);
      if (badReason) throw new DOMException(badReason, 'SyntaxError');
      if (socket.readyState >= CLOSING) return;
      socket.readyState = CLOSING;
      post({ type: 'socket-close', socketId, ...(code === undefined ? {} : { code, reason }) });
    },
    deliver(event) {
      switch (event.kind) {
        case 'open':
          socket.readyState = OPEN;
          socket.protocol = event.protocol;
          socket.extensions = event.extensions;
          return socket.onopen?.(new Event('open'));
        case 'message': {
          const { payload } = event;
          const data = payload.kind === 'text' ? payload.text : base64ToBytes(payload.base64).buffer;
          return socket.onmessage?.({ data } as MessageEvent);
        }
        case 'error':
          return socket.onerror?.(new Event('error'));
        case 'close':
          socket.readyState = CLOSED;
          return socket.onclose?.({ code: event.code, reason: event.reason, wasClean: event.wasClean } as CloseEvent);
      }
    },
  };
  return socket;
}

/**
 * The background's side of the offscreen document (Chrome): makes sockets there and feeds their
 * events back. The document is created on first use; commands wait until its port connects. If
 * the document cannot be made, or its port goes, its sockets fail as a dropped connection would.
 */
export function createOffscreenSockets(startDocument: () => Promise<void>) {
  const sockets = new Map<string, RemoteSocket>();
  let channel: OffscreenChannel | null = null;
  let waiting: Command[] = [];
  let starting = false;
  let nextId = 1;

  const failAll = () => {
    for (const socket of sockets.values()) {
      if (socket.readyState === CONNECTING) socket.deliver({ kind: 'error' });
      socket.deliver({ kind: 'close', code: 1006, reason: '', wasClean: false });
    }
    sockets.clear();
  };
  const post = (command: Command) => {
    if (channel) return channel.post({ source: 'socket-scope-background', ...command });
    waiting.push(command);
    if (starting) return;
    starting = true;
    startDocument().catch((error: unknown) => {
      console.warn('Socket Scope: could not open the offscreen document for sockets with headers', error);
      starting = false;
      waiting = [];
      failAll();
    });
  };

  return {
    create(url: string, protocols: string[]): WebSocketLike {
      const socketId = `o${nextId++}`;
      const socket = createRemoteSocket(post, socketId);
      sockets.set(socketId, socket);
      post({ type: 'socket-open', socketId, url, protocols });
      return socket;
    },
    /** The offscreen document connected: send what waited for it, then relay its events. */
    attach(port: OffscreenChannel) {
      channel?.close();
      channel = port;
      starting = false;
      port.onMessage((message) => {
        const socket = sockets.get(message.socketId);
        if (!socket) return;
        if (message.event.kind === 'close') sockets.delete(message.socketId);
        socket.deliver(message.event);
      });
      port.onDisconnect(() => {
        if (channel !== port) return;
        channel = null;
        failAll();
      });
      const pending = waiting;
      waiting = [];
      for (const command of pending) post(command);
    },
    openSockets: () => sockets.size,
  };
}

export type OffscreenSockets = ReturnType<typeof createOffscreenSockets>;
