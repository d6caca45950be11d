import { describe, expect, it } from 'vitest';
import { engineIoUrl } from '../../../src/sessions/engine-io-url';
import { createSocketIoSession } from '../../../src/sessions/socket-io-session';
import { isSocketIoCommand, isSocketIoOptions, type SocketIoOptions } from '../../../src/sessions/socket-io-messages';
import { binary, createManualTimers, createMemoryTransport, mutations, randomBytes, text } from './harness';

const OPEN = '0{"sid":"abc","upgrades":[],"pingInterval":1000,"pingTimeout":500,"maxPayload":1000000}';

function setup(overrides: Partial<SocketIoOptions> = {}) {
  const transport = createMemoryTransport();
  const timers = createManualTimers();
  let changes = 0;
  const options: SocketIoOptions = { protocol: 'socket.io', engineIo: 4, namespace: '/', authJson: '', ...overrides };
  const session = createSocketIoSession(options, { transport, timers, onChange: () => changes++ });
  return { session, transport, timers, changes: () => changes };
}

function connected(overrides: Partial<SocketIoOptions> = {}) {
  const s = setup(overrides);
  s.session.opened();
  s.session.received(text(OPEN));
  s.session.received(
    text(
      overrides.namespace && overrides.namespace !== '/' ? `40${overrides.namespace},{"sid":"n1"}` : '40{"sid":"n1"}',
    ),
  );
  s.transport.take();
  return s;
}

describe('Socket.IO session: handshake', () => {
  it('Engine.IO 4: sends the namespace CONNECT with auth after the open packet', () => {
    const { session, transport } = setup({ namespace: '/admin', authJson: '{"token":"t"}' });
    session.opened();
    expect(session.status().phase).toBe('handshake');
    session.received(text(OPEN));
    expect(transport.texts()).toEqual(['40/admin,{"token":"t"}']);
    session.received(text('40/admin,{"sid":"x"}'));
    const status = session.status();
    expect(status).toMatchObject({ phase: 'ready', sid: 'abc', namespaceConnected: true, pingInterval: 1000 });
  });

  it('Engine.IO 3: the root namespace is joined by the server, a custom one asked for', () => {
    const root = setup({ engineIo: 3 });
    root.session.opened();
    root.session.received(text(OPEN));
    expect(root.transport.texts()).toEqual([]);
    root.session.received(text('40'));
    expect(root.session.status().phase).toBe('ready');
    const admin = setup({ engineIo: 3, namespace: '/admin' });
    admin.session.opened();
    admin.session.received(text(OPEN));
    admin.session.received(text('40'));
    expect(admin.session.status().phase).toBe('handshake');
    expect(admin.transport.texts()).toEqual(['40/admin,']);
    admin.session.received(text('40/admin,'));
    expect(admin.session.status().phase).toBe('ready');
  });

  it('a refused namespace gives connect_error and its message, in v5 and v2 shapes', () => {
    const v4 = setup();
    v4.session.opened();
    v4.session.received(text(OPEN));
    v4.session.received(text('44{"message":"Not authorized","data":{"code":7}}'));
    expect(v4.session.status()).toMatchObject({ phase: 'failed', error: 'connect_error: Not authorized' });
    expect(v4.transport.closedWith).toEqual({ code: 1000, reason: 'connect_error' });
    const v3 = setup({ engineIo: 3, namespace: '/x' });
    v3.session.opened();
    v3.session.received(text(OPEN));
    v3.session.received(text('44/x,"Invalid namespace"'));
    expect(v3.session.status().error).toBe('connect_error: "Invalid namespace"');
  });

  it('times out a handshake that never completes, and a bad open packet fails', () => {
    const { session, timers, transport } = setup({ handshakeTimeoutMs: 3000 });
    session.opened();
    timers.advance(3000);
    expect(session.status().phase).toBe('failed');
    expect(session.status().error).toContain('handshake timeout');
    expect(transport.closedWith?.reason).toBe('handshake timeout');
    const bad = setup();
    bad.session.opened();
    bad.session.received(text('0{"sid":1}'));
    expect(bad.session.status().phase).toBe('failed');
  });

  it('a socket closed during the handshake says so', () => {
    const { session } = setup();
    session.opened();
    session.closed(1006, '');
    expect(session.status()).toMatchObject({ phase: 'closed', error: 'socket closed during the handshake (1006 )' });
  });
});

describe('Socket.IO session: heartbeats', () => {
  it('Engine.IO 4: answers pings, and times out after pingInterval + pingTimeout of silence', () => {
    const { session, transport, timers } = connected();
    for (let i = 0; i < 5; i++) {
      timers.advance(1000);
      session.received(text('2'));
    }
    expect(transport.texts()).toEqual(['3', '3', '3', '3', '3']);
    expect(session.status().heartbeats).toEqual({ sent: 5, received: 5 });
    timers.advance(1499);
    expect(session.status().phase).toBe('ready');
    timers.advance(1);
    expect(session.status().phase).toBe('closed');
    expect(session.status().error).toContain('ping timeout');
    expect(transport.closedWith).toEqual({ code: 1000, reason: 'ping timeout' });
  });

  it('Engine.IO 4: messages without pings do not keep the session', () => {
    const { session, timers } = connected();
    for (let i = 0; i < 3; i++) {
      timers.advance(500);
      session.received(text('42["tick"]'));
    }
    timers.advance(0);
    expect(session.status().phase).toBe('closed');
    expect(session.status().error).toContain('ping timeout');
  });

  it('Engine.IO 3: pings every pingInterval and times out without a pong', () => {
    const { session, transport, timers } = connected({ engineIo: 3 });
    timers.advance(1000);
    expect(transport.texts()).toEqual(['2']);
    session.received(text('3'));
    timers.advance(1000);
    expect(transport.texts()).toEqual(['2', '2']);
    timers.advance(499);
    expect(session.status().phase).toBe('ready');
    timers.advance(1);
    expect(session.status().error).toContain('no pong within 500 ms');
  });

  it('a huge pingInterval from the server never becomes a busy loop', () => {
    const { session, transport, timers } = setup({ engineIo: 3 });
    session.opened();
    session.received(text('0{"sid":"a","pingInterval":1e300,"pingTimeout":1e300}'));
    session.received(text('40'));
    timers.advance(60_000);
    expect(transport.texts()).toEqual([]);
  });

  it('classifies frames for the log', () => {
    const { session } = setup();
    expect(session.classify(text('2'), 'in')).toBe('heartbeat');
    expect(session.classify(text('3'), 'out')).toBe('heartbeat');
    expect(session.classify(text(OPEN), 'in')).toBe('handshake');
    expect(session.classify(text('40'), 'out')).toBe('handshake');
    expect(session.classify(text('44{"message":"no"}'), 'in')).toBe('error');
    expect(session.classify(text('42["a"]'), 'in')).toBe('message');
    expect(session.classify(text('41'), 'in')).toBe('control');
    expect(session.classify(binary([1, 2]), 'in')).toBe('message');
    expect(session.classify(text('9'), 'in')).toBe('unknown');
  });
});

describe('Socket.IO session: commands', () => {
  it('emits an event with JSON args, and an ack that is answered', () => {
    const { session, transport, timers } = connected({ namespace: '/chat' });
    expect(session.run({ protocol: 'socket.io', type: 'emit', event: 'hi', argsJson: '[1, {"a":2}]' })).toEqual({
      ok: true,
    });
    expect(session.run({ protocol: 'socket.io', type: 'emit', event: 'q', argsJson: '', ackTimeoutMs: 1000 })).toEqual({
      ok: true,
    });
    expect(transport.texts()).toEqual(['42/chat,["hi",1,{"a":2}]', '42/chat,0["q"]']);
    timers.advance(20);
    session.received(text('43/chat,0["pong",3]'));
    expect(session.status().acks).toEqual([
      { id: 0, event: 'q', sentAt: 1_000_000, outcome: 'reply', replyText: '["pong",3]', ms: 20 },
    ]);
  });

  it('an ack that never comes times out; one pending at close ends as closed', () => {
    const { session, timers } = connected();
    session.run({ protocol: 'socket.io', type: 'emit', event: 'a', argsJson: '', ackTimeoutMs: 100 });
    session.run({ protocol: 'socket.io', type: 'emit', event: 'b', argsJson: '', ackTimeoutMs: 5000 });
    timers.advance(100);
    session.closed(1000, '');
    expect(session.status().acks.map((a) => a.outcome)).toEqual(['timeout', 'closed']);
  });

  it('caps pending acks and counts the drop', () => {
    const { session } = connected();
    for (let i = 0; i < 101; i++)
      session.run({ protocol: 'socket.io', type: 'emit', event: 'e', argsJson: '', ackTimeoutMs: 60_000 });
    const status = session.status();
    expect(status.acks.filter((a) => a.outcome === 'pending')).toHaveLength(100);
    expect(status.acks[0]?.outcome).toBe('dropped');
    expect(status.dropped).toBe(1);
  });

  it('emits binary arguments as attachments (Engine.IO 4 raw, Engine.IO 3 prefixed with 4)', () => {
    const v4 = connected();
    v4.session.run({ protocol: 'socket.io', type: 'emit', event: 'up', argsJson: '["x"]', binaryArgs: ['AQI='] });
    expect(v4.transport.sent).toEqual([
      text('451-["up","x",{"_placeholder":true,"num":0}]'),
      { kind: 'binary', base64: 'AQI=' },
    ]);
    const v3 = connected({ engineIo: 3 });
    v3.session.run({ protocol: 'socket.io', type: 'emit', event: 'up', argsJson: '', binaryArgs: ['AQI='] });
    expect(v3.transport.sent[1]).toEqual({ kind: 'binary', base64: 'BAEC' });
  });

  it('records server events (with binary attachments) and answers the ones that ask for an ack', () => {
    const { session, transport } = connected();
    session.received(text('42["news",{"a":1}]'));
    session.received(text('451-7["file",{"_placeholder":true,"num":0}]'));
    session.received(binary([9, 8, 7]));
    const events = session.status().events;
    expect(events.map((e) => [e.event, e.argsText, e.ackId])).toEqual([
      ['news', '[{"a":1}]', undefined],
      ['file', '[{"_binary":{"bytes":3,"base64":"CQgH"}}]', 7],
    ]);
    expect(session.run({ protocol: 'socket.io', type: 'ack', ackId: 7, argsJson: '["ok"]' })).toEqual({ ok: true });
    expect(transport.texts()).toEqual(['437["ok"]']);
    expect(session.run({ protocol: 'socket.io', type: 'ack', ackId: 7, argsJson: '' }).ok).toBe(false);
  });

  it('caps the received events and counts the drops', () => {
    const { session } = connected();
    for (let i = 0; i < 205; i++) session.received(text(`42["e",${i}]`));
    expect(session.status().events).toHaveLength(200);
    expect(session.status().dropped).toBe(5);
    expect(session.status().events[0]?.argsText).toBe('[5]');
  });

  it('refuses bad commands before sending anything', () => {
    const { session, transport } = connected();
    const refuse = (command: Parameters<typeof session.run>[0]) => {
      const result = session.run(command);
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error;
    };
    expect(refuse({ protocol: 'socket.io', type: 'emit', event: 'a', argsJson: '[1,' })).toMatch(/not valid JSON/);
    expect(refuse({ protocol: 'socket.io', type: 'emit', event: 'a', argsJson: '{"a":1}' })).toMatch(/JSON array/);
    expect(refuse({ protocol: 'socket.io', type: 'emit', event: '', argsJson: '' })).toMatch(/event name/);
    expect(refuse({ protocol: 'socket.io', type: 'emit', event: 'connect', argsJson: '' })).toMatch(/reserved/);
    expect(refuse({ protocol: 'socket.io', type: 'emit', event: 'a', argsJson: '', binaryArgs: ['%%'] })).toMatch(
      /base64/,
    );
    expect(transport.sent).toEqual([]);
    const early = setup();
    expect(early.session.run({ protocol: 'socket.io', type: 'emit', event: 'a', argsJson: '' })).toEqual({
      ok: false,
      error: 'not connected to the namespace',
    });
  });

  it('disconnects from the namespace, then closes the socket', () => {
    const { session, transport } = connected({ namespace: '/n' });
    expect(session.run({ protocol: 'socket.io', type: 'disconnect' })).toEqual({ ok: true });
    expect(transport.texts()).toEqual(['41/n,']);
    expect(transport.closedWith?.reason).toBe('io client disconnect');
    expect(session.status()).toMatchObject({ phase: 'closed', error: null });
  });

  it('a server DISCONNECT ends the session', () => {
    const { session } = connected();
    session.received(text('41'));
    expect(session.status()).toMatchObject({ phase: 'closed', namespaceConnected: false });
  });

  it('dispose stops every timer', () => {
    const { session, timers } = connected({ engineIo: 3 });
    session.dispose();
    expect(timers.pending()).toBe(0);
  });
});

describe('Socket.IO session: untrusted input', () => {
  it('never throws on truncated, mutated or random frames', () => {
    const frames = [OPEN, '40{"sid":"a"}', '42["x",{"a":[1,2]}]', '451-["f",{"_placeholder":true,"num":0}]', '430[1]'];
    for (const engineIo of [3, 4] as const) {
      const { session } = connected({ engineIo });
      for (const frame of frames) {
        for (const bytes of mutations(new TextEncoder().encode(frame))) {
          expect(() => session.received(text(new TextDecoder().decode(bytes)))).not.toThrow();
          expect(() => session.received(binary(bytes))).not.toThrow();
          expect(() => session.classify(text(new TextDecoder().decode(bytes)), 'in')).not.toThrow();
        }
      }
      for (let seed = 1; seed < 200; seed++) {
        const bytes = randomBytes(seed, seed % 40);
        expect(() => session.received(binary(bytes))).not.toThrow();
        expect(() => session.received(text(String.fromCharCode(...bytes)))).not.toThrow();
      }
      expect(() => session.received({ kind: 'binary', base64: '%%%' })).not.toThrow();
      expect(() => JSON.stringify(session.status())).not.toThrow();
    }
  });
});

describe('Socket.IO options, commands and URLs', () => {
  it('guards what crosses the port', () => {
    expect(isSocketIoOptions({ protocol: 'socket.io', engineIo: 4, namespace: '/', authJson: '' })).toBe(true);
    expect(isSocketIoOptions({ protocol: 'socket.io', engineIo: 5, namespace: '/', authJson: '' })).toBe(false);
    expect(isSocketIoCommand({ protocol: 'socket.io', type: 'emit', event: 'a', argsJson: '' })).toBe(true);
    expect(isSocketIoCommand({ protocol: 'socket.io', type: 'emit', event: 1, argsJson: '' })).toBe(false);
    expect(isSocketIoCommand({ protocol: 'socket.io', type: 'emit', event: 'a', argsJson: '', ackTimeoutMs: -1 })).toBe(
      false,
    );
    expect(isSocketIoCommand({ protocol: 'socket.io', type: 'ack', ackId: 1, argsJson: '' })).toBe(true);
    expect(isSocketIoCommand({ protocol: 'socket.io', type: 'nope' })).toBe(false);
    expect(isSocketIoCommand(null)).toBe(false);
  });

  it('turns page and Engine.IO URLs into the Engine.IO websocket URL', () => {
    expect(engineIoUrl('http://localhost:3000', 4)).toEqual({
      ok: true,
      url: 'ws://localhost:3000/socket.io/?EIO=4&transport=websocket',
      namespace: '/',
    });
    expect(engineIoUrl('https://example.com/admin?token=1', 3)).toEqual({
      ok: true,
      url: 'wss://example.com/socket.io/?token=1&EIO=3&transport=websocket',
      namespace: '/admin',
    });
    expect(engineIoUrl('ws://h/socket.io/?EIO=4&transport=websocket&sid=old', 4)).toMatchObject({
      url: 'ws://h/socket.io/?EIO=4&transport=websocket',
    });
    expect(engineIoUrl('wss://h/app', 4, '/realtime')).toMatchObject({
      url: 'wss://h/realtime/?EIO=4&transport=websocket',
      namespace: '/app',
    });
    expect(engineIoUrl('wss://h/realtime/', 4, 'realtime')).toMatchObject({ namespace: '/' });
    expect(engineIoUrl('ftp://h', 4).ok).toBe(false);
    expect(engineIoUrl('not a url', 4).ok).toBe(false);
  });
});
