import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocketIoServer, type ProtocolServer } from '../../../server/protocol-servers.mjs';
import { engineIoUrl } from '../../../src/sessions/engine-io-url';
import { createSocketIoSession } from '../../../src/sessions/socket-io-session';
import { bridge, until } from './ws-bridge';

/**
 * The session against real socket.io servers: v4 (Engine.IO 4, the server pings every second) and
 * v2 (Engine.IO 3, the client pings every 200 ms). Concurrent: the v4 heartbeats take 10 s.
 */
describe.concurrent.each([
  { version: 4 as const, engineIo: 4 as const, pingInterval: 1000 },
  { version: 2 as const, engineIo: 3 as const, pingInterval: 200 },
])('Socket.IO session against socket.io v$version', ({ version, engineIo, pingInterval }) => {
  let server: ProtocolServer;
  beforeAll(async () => {
    server = await startSocketIoServer({ version, pingInterval, pingTimeout: pingInterval });
  });
  afterAll(() => server.close());

  const connect = (namespace = '/', authJson = '') => {
    const target = engineIoUrl(server.url + (namespace === '/' ? '' : namespace), engineIo);
    if (!target.ok) throw new Error(target.error);
    return bridge(target.url, [], (deps) =>
      createSocketIoSession({ protocol: 'socket.io', engineIo, namespace: target.namespace, authJson }, deps),
    );
  };

  it('connects, outlives 10 heartbeats, gets its ack and decodes server emits', { timeout: 20_000 }, async () => {
    const b = connect('/', engineIo === 4 ? '{"token":"t1"}' : '');
    await until(() => b.session.status().phase === 'ready', 5000, 'namespace CONNECT');
    await until(() => b.session.status().events.some((e) => e.event === 'welcome'), 5000, 'welcome');
    const welcome = b.session.status().events.find((e) => e.event === 'welcome');
    expect(JSON.parse(welcome?.argsText ?? '[]')).toEqual([{ version, auth: engineIo === 4 ? { token: 't1' } : null }]);
    await until(() => b.session.status().heartbeats.received >= 10, pingInterval * 13, '10 heartbeats');
    expect(b.session.status().phase).toBe('ready');
    const result = b.session.run({
      protocol: 'socket.io',
      type: 'emit',
      event: 'echo',
      argsJson: '["hi", {"n": 1}]',
      ackTimeoutMs: 2000,
    });
    expect(result).toEqual({ ok: true });
    await until(() => b.session.status().acks.some((a) => a.outcome === 'reply'), 3000, 'ack');
    expect(b.session.status().acks[0]?.replyText).toBe('["hi",{"n":1}]');
    b.session.run({ protocol: 'socket.io', type: 'emit', event: 'bytes', argsJson: '', binaryArgs: ['CQg='] });
    await until(() => b.session.status().events.some((e) => e.event === 'bytes'), 3000, 'binary emit');
    const bytes = b.session.status().events.find((e) => e.event === 'bytes');
    expect(JSON.parse(bytes?.argsText ?? '')).toEqual([
      { _binary: { bytes: 3, base64: 'AQID' } },
      { _binary: { bytes: 2, base64: 'CQg=' } },
    ]);
    expect(b.session.status().error).toBeNull();
    b.close();
    await b.closed;
  });

  it('a refused namespace gives connect_error and its message', async () => {
    const b = connect('/private');
    await until(() => b.session.status().phase === 'failed', 5000, 'connect_error');
    expect(b.session.status().error).toBe(
      engineIo === 4 ? 'connect_error: Not authorized' : 'connect_error: "Not authorized"',
    );
    await b.closed;
  });

  it('a namespace the server leaves ends the session', async () => {
    const b = connect('/kick');
    await until(() => b.session.status().phase === 'closed', 5000, 'server disconnect');
    expect(b.session.status().error).toContain('io server disconnect');
    await b.closed;
  });
});
