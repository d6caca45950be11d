/**
 * Chrome only: the offscreen document that owns the popup's sockets with handshake headers.
 * Chrome applies declarativeNetRequest header rules to sockets opened by extension documents but
 * not to those of its service worker (measured on Chromium 156), so the background opens these
 * sockets here and drives them over one port (protocol.ts, "Background ↔ offscreen"). This page
 * keeps nothing but the sockets; the connections, logs and rules stay in the background.
 */
import { base64ToBytes, wirePayloadOf } from '../core/bytes';
import {
  PORT_NAMES,
  isBackgroundToOffscreen,
  type OffscreenSocketEvent,
  type OffscreenToBackground,
} from '../protocol';

const port = chrome.runtime.connect({ name: PORT_NAMES.offscreen });
const sockets = new Map<string, WebSocket>();

const report = (socketId: string, event: OffscreenSocketEvent) =>
  port.postMessage({
    source: 'socket-scope-offscreen',
    type: 'socket-event',
    socketId,
    event,
  } satisfies OffscreenToBackground);

function open(socketId: string, url: string, protocols: string[]) {
  let socket: WebSocket;
  try {
    socket = new WebSocket(url, protocols);
  } catch {
    // The background checked the URL and protocols; a socket that cannot even be made fails like a refused one.
    report(socketId, { kind: 'error' });
    report(socketId, { kind: 'close', code: 1006, reason: '', wasClean: false });
    return;
  }
  socket.binaryType = 'arraybuffer';
  sockets.set(socketId, socket);
  socket.onopen = () => report(socketId, { kind: 'open', protocol: socket.protocol, extensions: socket.extensions });
  socket.onmessage = (e) => {
    const payload = wirePayloadOf(e.data);
    if (payload) report(socketId, { kind: 'message', payload });
  };
  socket.onerror = () => report(socketId, { kind: 'error' });
  socket.onclose = (e) => {
    sockets.delete(socketId);
    report(socketId, { kind: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
  };
}

port.onMessage.addListener((message: unknown) => {
  if (!isBackgroundToOffscreen(message)) return;
  switch (message.type) {
    case 'socket-open':
      return open(message.socketId, message.url, [...message.protocols]);
    case 'socket-send': {
      const { payload } = message;
      sockets.get(message.socketId)?.send(payload.kind === 'text' ? payload.text : base64ToBytes(payload.base64));
      return;
    }
    case 'socket-close':
      return sockets.get(message.socketId)?.close(message.code, message.reason);
  }
});

// The background went away (extension reloaded or worker restarted): these sockets have no
// owner any more; close them rather than leave them open unseen.
port.onDisconnect.addListener(() => {
  for (const socket of sockets.values()) socket.close(1001, '');
  window.close();
});
