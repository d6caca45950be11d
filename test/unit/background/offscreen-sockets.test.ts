import { describe, expect, it } from 'vitest';
import { createMemoryChannelPair } from '../../../src/core/channel';
import { createOffscreenSockets } from '../../../src/background/offscreen-sockets';
import type { BackgroundToOffscreen, OffscreenSocketEvent, OffscreenToBackground } from '../../../src/protocol';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** The offscreen document's end, played by the test: records commands, sends events. */
function fakeDocument() {
  const [background, document] = createMemoryChannelPair<BackgroundToOffscreen, OffscreenToBackground>();
  const commands: BackgroundToOffscreen[] = [];
  document.onMessage((m) => commands.push(m));
  const emit = (socketId: string, event: OffscreenSocketEvent) =>
    document.post({ source: 'socket-scope-offscreen', type: 'socket-event', socketId, event });
  return { background, document, commands, emit };
}

function recorder(socket: ReturnType<ReturnType<typeof createOffscreenSockets>['create']>) {
  const seen: string[] = [];
  socket.onopen = () => seen.push(`open ${socket.protocol}`);
  socket.onmessage = (e) =>
    seen.push(
      `message ${typeof e.data === 'string' ? e.data : Array.from(new Uint8Array(e.data as ArrayBuffer)).join(',')}`,
    );
  socket.onerror = () => seen.push('error');
  socket.onclose = (e) => seen.push(`close ${e.code} ${e.reason} ${e.wasClean}`);
  return seen;
}

describe('offscreen sockets (background side)', () => {
  it('starts the document once, holds commands until it connects, then mirrors the socket', async () => {
    let starts = 0;
    const sockets = createOffscreenSockets(async () => void starts++);
    const socket = sockets.create('ws://127.0.0.1:9/x', ['chat']);
    const seen = recorder(socket);
    sockets.create('ws://127.0.0.1:9/y', []);
    expect(starts).toBe(1);
    expect(() => socket.send('early')).toThrow(/CONNECTING/);

    const doc = fakeDocument();
    sockets.attach(doc.background);
    await tick();
    expect(doc.commands.map((c) => c.type === 'socket-open' && c.url)).toEqual([
      'ws://127.0.0.1:9/x',
      'ws://127.0.0.1:9/y',
    ]);

    doc.emit('o1', { kind: 'open', protocol: 'chat', extensions: '' });
    doc.emit('o1', { kind: 'message', payload: { kind: 'text', text: 'hi' } });
    doc.emit('o1', { kind: 'message', payload: { kind: 'binary', base64: 'AP+A' } });
    await tick();
    expect(socket.readyState).toBe(1);
    socket.send('out');
    socket.send(new Uint8Array([1, 2, 3]));
    expect(() => socket.close(1001, '')).toThrow(/1001 is not allowed/);
    socket.close(4000, 'bye');
    await tick();
    expect(doc.commands.slice(2)).toEqual([
      {
        source: 'socket-scope-background',
        type: 'socket-send',
        socketId: 'o1',
        payload: { kind: 'text', text: 'out' },
      },
      {
        source: 'socket-scope-background',
        type: 'socket-send',
        socketId: 'o1',
        payload: { kind: 'binary', base64: 'AQID' },
      },
      { source: 'socket-scope-background', type: 'socket-close', socketId: 'o1', code: 4000, reason: 'bye' },
    ]);
    doc.emit('o1', { kind: 'close', code: 4000, reason: 'bye', wasClean: true });
    await tick();
    expect(seen).toEqual(['open chat', 'message hi', 'message 0,255,128', 'close 4000 bye true']);
    expect(sockets.openSockets()).toBe(1);
  });

  it('fails its sockets as dropped connections when the document cannot start or goes away', async () => {
    const failing = createOffscreenSockets(() => Promise.reject(new Error('no offscreen')));
    const never = recorder(failing.create('ws://127.0.0.1:9/', []));
    await tick();
    expect(never).toEqual(['error', 'close 1006  false']);

    const sockets = createOffscreenSockets(async () => {});
    const open = sockets.create('ws://127.0.0.1:9/', []);
    const seen = recorder(open);
    const doc = fakeDocument();
    sockets.attach(doc.background);
    doc.emit('o1', { kind: 'open', protocol: '', extensions: '' });
    await tick();
    doc.document.close();
    await tick();
    expect(seen).toEqual(['open ', 'close 1006  false']);
    expect(sockets.openSockets()).toBe(0);
  });
});
