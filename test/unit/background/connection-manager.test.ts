import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEchoServer, type EchoServer } from '../../../server/echo-server.mjs';
import {
  createConnectionManager,
  type ConnectionManager,
  type WebSocketLike,
} from '../../../src/background/connection-manager';
import type { SocketEvent } from '../../../src/protocol';

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const createManager = () =>
  createConnectionManager((url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike);

/** Resolves with the events of `id` once `done` holds for them; driven by onChange, no polling. */
function waitForEvents(
  manager: ConnectionManager,
  id: string,
  done: (events: SocketEvent[]) => boolean,
): Promise<SocketEvent[]> {
  const current = () => manager.events().filter((e) => e.socketId === id);
  return new Promise((resolve) => {
    if (done(current())) return resolve(current());
    const off = manager.onChange(() => {
      if (!done(current())) return;
      off();
      resolve(current());
    });
  });
}
const hasType = (type: SocketEvent['type']) => (events: SocketEvent[]) => events.some((e) => e.type === type);
const connectOk = (manager: ConnectionManager, url: string, protocols: string[] = []) => {
  const result = manager.connect(url, protocols);
  if (!result.ok) throw new Error(result.error);
  return result.id;
};

/** A port nothing listens on: bind an ephemeral port, then release it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('connection manager against a real echo server', () => {
  it('connects, echoes text and binary with exact bytes, and records events in order', async () => {
    const manager = createManager();
    const id = connectOk(manager, `${server.url}/`);
    expect(manager.summaries()).toMatchObject([{ id, url: `${server.url}/`, state: 'connecting', openedAt: null }]);
    await waitForEvents(manager, id, hasType('open'));
    expect(manager.summaries()[0]?.state).toBe('open');

    const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    const base64 = Buffer.from(bytes).toString('base64');
    expect(manager.send(id, { kind: 'text', text: 'héllo 😀' })).toEqual({ ok: true });
    expect(manager.send(id, { kind: 'binary', base64 })).toEqual({ ok: true });
    const events = await waitForEvents(manager, id, (es) => es.filter((e) => e.type === 'frame').length === 4);

    expect(events.map((e) => (e.type === 'frame' ? `frame ${e.direction}` : e.type))).toEqual([
      'created',
      'open',
      'frame out',
      'frame out',
      'frame in',
      'frame in',
    ]);
    const payloads = events.flatMap((e) => (e.type === 'frame' ? [e.payload] : []));
    expect(payloads).toEqual([
      { kind: 'text', text: 'héllo 😀' },
      { kind: 'binary', base64 },
      { kind: 'text', text: 'héllo 😀' },
      { kind: 'binary', base64 },
    ]);
    expect(events[0]).toMatchObject({ type: 'created', socketId: id, url: `${server.url}/`, protocols: [] });

    expect(manager.disconnect(id, 1000, 'done')).toEqual({ ok: true });
    const closed = await waitForEvents(manager, id, hasType('close'));
    expect(closed.at(-1)).toMatchObject({ type: 'close', code: 1000, reason: 'done', wasClean: true });
    expect(manager.summaries()[0]).toMatchObject({ state: 'closed', closeCode: 1000, closeReason: 'done' });
  });

  it('negotiates the first offered subprotocol', async () => {
    const manager = createManager();
    const id = connectOk(manager, `${server.url}/`, ['chat.v2', 'chat.v1']);
    const events = await waitForEvents(manager, id, hasType('open'));
    expect(events[1]).toMatchObject({ type: 'open', protocol: 'chat.v2' });
    expect(manager.summaries()[0]?.protocol).toBe('chat.v2');
    manager.disconnect(id, 1000, '');
    await waitForEvents(manager, id, hasType('close'));
  });

  it('reports a server close with its code and reason', async () => {
    const manager = createManager();
    const id = connectOk(manager, `${server.url}/close?code=4001&reason=bye`);
    const events = await waitForEvents(manager, id, hasType('close'));
    expect(events.map((e) => e.type)).toEqual(['created', 'open', 'close']);
    expect(events[2]).toMatchObject({ code: 4001, reason: 'bye', wasClean: true });
    expect(manager.summaries()[0]).toMatchObject({ state: 'closed', closeCode: 4001, closeReason: 'bye' });
  });

  it('reports a refused connection as an error, then a close with 1006', async () => {
    const manager = createManager();
    const id = connectOk(manager, `ws://127.0.0.1:${await closedPort()}/`);
    const events = await waitForEvents(manager, id, hasType('close'));
    expect(events.map((e) => e.type)).toEqual(['created', 'error', 'close']);
    expect(events[1]).toMatchObject({ message: 'Connection failed (refused, unreachable, TLS or handshake rejected)' });
    expect(events[2]).toMatchObject({ code: 1006, wasClean: false });
  });

  it('refuses to send before open, or to an unknown connection', async () => {
    const manager = createManager();
    const id = connectOk(manager, `${server.url}/`);
    expect(manager.send(id, { kind: 'text', text: 'early' })).toEqual({
      ok: false,
      error: 'Cannot send: the connection is connecting',
    });
    expect(manager.send('nope', { kind: 'text', text: 'x' })).toEqual({ ok: false, error: 'No such connection' });
    expect(manager.disconnect('nope', 1000, '')).toEqual({ ok: false, error: 'No such connection' });
    await waitForEvents(manager, id, hasType('open'));
    manager.disconnect(id, 1000, '');
    await waitForEvents(manager, id, hasType('close'));
    expect(manager.events().filter((e) => e.type === 'frame')).toEqual([]);
  });

  it('repeats a templated message in order, stops by itself after `times` sends, and again when asked', async () => {
    const manager = createManager();
    const id = connectOk(manager, `${server.url}/`);
    const plan = { mode: 'json', message: '{"n":{{counter}}}', variables: '', intervalMs: 10, times: 3 } as const;
    expect(manager.startRepeat(id, plan)).toEqual({ ok: false, error: 'Cannot repeat: the connection is connecting' });
    await waitForEvents(manager, id, hasType('open'));

    expect(manager.startRepeat(id, plan)).toEqual({ ok: true });
    expect(manager.summaries()[0]?.repeat).toEqual({ intervalMs: 10, times: 3, sent: 1 });
    const texts = (events: SocketEvent[], direction: 'in' | 'out') =>
      events.flatMap((e) =>
        e.type === 'frame' && e.direction === direction && e.payload.kind === 'text' ? [e.payload.text] : [],
      );
    const done = await waitForEvents(manager, id, (es) => texts(es, 'in').length === 3);
    expect(texts(done, 'out')).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(manager.summaries()[0]?.repeat).toBeNull();

    // Until stopped: stop, then a marker's echo proves that nothing was sent after the stop.
    expect(manager.startRepeat(id, { ...plan, mode: 'text', message: 'tick', variables: null, times: null })).toEqual({
      ok: true,
    });
    await waitForEvents(manager, id, (es) => texts(es, 'in').filter((t) => t === 'tick').length >= 2);
    expect(manager.stopRepeat(id)).toEqual({ ok: true });
    expect(manager.summaries()[0]?.repeat).toBeNull();
    manager.send(id, { kind: 'text', text: 'marker' });
    const after = await waitForEvents(manager, id, (es) => texts(es, 'in').includes('marker'));
    expect(texts(after, 'out').at(-1)).toBe('marker');
    expect(texts(after, 'in').at(-1)).toBe('marker');

    // A bad template or message is an error at once, and nothing runs.
    expect(manager.startRepeat(id, { ...plan, message: '{{nope}}' })).toEqual({
      ok: false,
      error: 'Unknown variable {{nope}}: define it as nope=value under Variables',
    });
    expect(manager.startRepeat(id, { ...plan, mode: 'hex', message: 'zz' })).toEqual({
      ok: false,
      error: 'Invalid hex: "z" is not a hex digit',
    });
    expect(manager.summaries()[0]?.repeat).toBeNull();
    manager.disconnect(id, 1000, '');
    await waitForEvents(manager, id, hasType('close'));
  });

  it('stops repeating when the socket closes', async () => {
    const manager = createManager();
    const id = connectOk(manager, `${server.url}/`);
    await waitForEvents(manager, id, hasType('open'));
    manager.startRepeat(id, { mode: 'text', message: 'x', variables: null, intervalMs: 10, times: null });
    expect(manager.summaries()[0]?.repeat).not.toBeNull();
    manager.disconnect(id, 1000, '');
    expect(manager.summaries()[0]?.repeat).toBeNull();
    await waitForEvents(manager, id, hasType('close'));
    expect(manager.summaries()[0]).toMatchObject({ state: 'closed', repeat: null });
  });

  it('rejects an invalid URL and creates nothing', () => {
    const manager = createManager();
    const changes: SocketEvent[][] = [];
    manager.onChange((events) => changes.push(events));
    expect(manager.connect('ftp://x', [])).toEqual({
      ok: false,
      error: 'Unsupported scheme "ftp:": use ws:// or wss://',
    });
    expect(manager.connect('', [])).toMatchObject({ ok: false });
    expect(manager.summaries()).toEqual([]);
    expect(manager.events()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('reports a constructor error (invalid subprotocol) as ok:false and creates nothing', () => {
    const manager = createManager();
    const result = manager.connect(`${server.url}/`, ['a b']);
    expect(result.ok).toBe(false);
    expect(manager.summaries()).toEqual([]);
  });
});

describe('connection manager: auto-reconnect, log limit, clear, remove', () => {
  const make = () =>
    createConnectionManager(
      (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
      () => Date.now(),
      { maxFrames: 100_000, maxBytes: 1 << 30, maxLifecycleEvents: 1_000 },
      { baseMs: 5, maxMs: 20, stableMs: 10_000 },
    );

  it('reconnects with growing attempts after the server closes, and stops when the user disconnects', async () => {
    const manager = make();
    const id = manager.connect(`${server.url}/close?code=4000&reason=bye`, [], true);
    if (!id.ok) throw new Error(id.error);
    const events = await waitForEvents(manager, id.id, (es) => es.filter((e) => e.type === 'created').length >= 4);
    expect(events.filter((e) => e.type === 'close').every((e) => e.type === 'close' && e.code === 4000)).toBe(true);
    const summary = manager.summaries()[0]!;
    expect(summary.autoReconnect).toBe(true);
    expect(summary.reconnectAttempt).toBeGreaterThanOrEqual(3);
    manager.disconnect(id.id, 1000, '');
    const after = manager.summaries()[0]!;
    expect(after.reconnectAt).toBeNull();
    const count = manager.events().length;
    await new Promise((r) => setTimeout(r, 60)); // longer than the largest backoff (20 ms)
    expect(manager.events().length).toBeLessThanOrEqual(count + 3); // at most the in-flight socket's events
    expect(manager.summaries()[0]!.state).toBe('closed');
  });

  it('applies a lower log limit (dropped counted), clears a log, and removes a connection', async () => {
    const manager = make();
    const id = connectOk(manager, `${server.url}/burst?count=50`);
    await waitForEvents(manager, id, (es) => es.filter((e) => e.type === 'frame').length === 50);
    expect(manager.setLogLimit(id, 10)).toEqual({ ok: true });
    expect(manager.summaries()[0]).toMatchObject({ frameLimit: 10, dropped: 40 });
    const frames = manager.events().filter((e) => e.type === 'frame');
    expect(frames.map((e) => e.type === 'frame' && e.payload.kind === 'text' && e.payload.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `burst ${41 + i}`),
    );
    expect(manager.clearLog(id)).toEqual({ ok: true });
    expect(manager.events()).toEqual([]);
    expect(manager.summaries()[0]!.dropped).toBe(0);
    expect(manager.remove(id)).toEqual({ ok: true });
    expect(manager.summaries()).toEqual([]);
    expect(manager.remove(id)).toEqual({ ok: false, error: 'No such connection' });
  });
});
