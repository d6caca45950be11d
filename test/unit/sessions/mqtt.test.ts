import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import type { WirePayload } from '../../../src/protocol';
import { isMqttCommand, isMqttOptions, type MqttCommand, type MqttOptions } from '../../../src/sessions/mqtt-messages';
import { createMqttSession } from '../../../src/sessions/mqtt-session';
import { topicFilterProblem, topicNameProblem } from '../../../src/sessions/mqtt-topics';
import { createManualTimers, createMemoryTransport, mutations, randomBytes, text } from './harness';

type Packet = Record<string, unknown> & { cmd: string };

/** What the session sent, read back by mqtt-packet (the parser mqtt.js uses). */
function readSent(payloads: readonly WirePayload[], protocolVersion: 4 | 5): Packet[] {
  const parser = mqttPacket.parser({ protocolVersion });
  const packets: Packet[] = [];
  parser.on('packet', (p) => packets.push(p as unknown as Packet));
  parser.on('error', (e) => {
    throw e;
  });
  for (const p of payloads) if (p.kind === 'binary') parser.parse(Buffer.from(p.base64, 'base64'));
  return packets;
}
/** A server packet, written by mqtt-packet. */
const server = (packet: Record<string, unknown>, protocolVersion: 4 | 5 = 4): WirePayload => ({
  kind: 'binary',
  base64: mqttPacket.generate(packet as unknown as mqttPacket.Packet, { protocolVersion }).toString('base64'),
});

function setup(overrides: Partial<MqttOptions> = {}) {
  const transport = createMemoryTransport();
  const timers = createManualTimers();
  const options: MqttOptions = {
    protocol: 'mqtt',
    version: '3.1.1',
    clientId: 'c1',
    username: '',
    password: '',
    keepaliveSeconds: 10,
    cleanStart: true,
    ...overrides,
  };
  const session = createMqttSession(options, { transport, timers });
  const v: 4 | 5 = options.version === '5' ? 5 : 4;
  const sent = () => readSent(transport.take(), v);
  return { session, transport, timers, sent, v };
}

function connected(overrides: Partial<MqttOptions> = {}, properties?: Record<string, unknown>) {
  const s = setup(overrides);
  s.session.opened();
  const v5 = s.v === 5;
  s.session.received(
    server({ cmd: 'connack', returnCode: 0, reasonCode: 0, sessionPresent: false, ...(v5 ? { properties } : {}) }, s.v),
  );
  s.transport.take();
  return s;
}

type Unlabelled<T> = T extends unknown ? Omit<T, 'protocol'> : never;
const run = (session: ReturnType<typeof setup>['session'], command: Unlabelled<MqttCommand>) =>
  session.run({ protocol: 'mqtt', ...command });

describe('MQTT session: CONNECT / CONNACK', () => {
  it('3.1.1: CONNECT with credentials and a will', () => {
    const { session, sent } = setup({
      username: 'u',
      password: 'p',
      will: { topic: 'w/t', payload: 'gone', qos: 1, retain: true },
    });
    session.opened();
    expect(sent()).toMatchObject([
      {
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clientId: 'c1',
        clean: true,
        keepalive: 10,
        username: 'u',
        will: { topic: 'w/t', qos: 1, retain: true },
      },
    ]);
  });

  it('5: CONNECT with a session expiry; CONNACK properties set the keepalive, client id and limits', () => {
    const { session, sent } = setup({ version: '5', clientId: '', cleanStart: false, sessionExpirySeconds: 60 });
    session.opened();
    expect(sent()).toMatchObject([
      { cmd: 'connect', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 60 } },
    ]);
    session.received(
      server(
        {
          cmd: 'connack',
          reasonCode: 0,
          sessionPresent: true,
          properties: { assignedClientIdentifier: 'auto-1', serverKeepAlive: 5, maximumQoS: 1, retainAvailable: false },
        },
        5,
      ),
    );
    expect(session.status()).toMatchObject({
      phase: 'ready',
      clientId: 'auto-1',
      keepaliveSeconds: 5,
      connack: { code: 0, reason: 'Success', sessionPresent: true },
    });
    expect(run(session, { type: 'publish', topic: 't', payload: '', qos: 2, retain: false })).toEqual({
      ok: false,
      error: 'The server accepts QoS 1 at most',
    });
    expect(run(session, { type: 'publish', topic: 't', payload: '', qos: 0, retain: true })).toEqual({
      ok: false,
      error: 'The server does not support retained messages',
    });
  });

  it('a refused CONNACK says why, in both versions', () => {
    const v3 = setup();
    v3.session.opened();
    v3.session.received(server({ cmd: 'connack', returnCode: 4 }));
    expect(v3.session.status()).toMatchObject({
      phase: 'failed',
      error: 'CONNACK refused: bad user name or password (0x04)',
    });
    const v5 = setup({ version: '5' });
    v5.session.opened();
    v5.session.received(server({ cmd: 'connack', reasonCode: 0x87, properties: { reasonString: 'no access' } }, 5));
    expect(v5.session.status().error).toBe('CONNACK Not authorized (0x87): no access');
    expect(v5.transport.closedWith?.reason).toBe('refused');
    const old = setup({ version: '5' });
    old.session.opened();
    old.session.received(server({ cmd: 'connack', returnCode: 1 }));
    expect(old.session.status().error).toBe('CONNACK refused: unacceptable protocol version (0x01)');
  });

  it('times out without CONNACK, and refuses packets before it', () => {
    const slow = setup({ handshakeTimeoutMs: 100 });
    slow.session.opened();
    slow.timers.advance(100);
    expect(slow.session.status().error).toContain('handshake timeout');
    const early = setup();
    early.session.opened();
    early.session.received(server({ cmd: 'pingresp' }));
    expect(early.session.status()).toMatchObject({ phase: 'failed', error: 'PINGRESP before CONNACK' });
  });

  it('bad options never reach the wire', () => {
    const { session, transport } = setup({ will: { topic: 'a/#', payload: '', qos: 0, retain: false } });
    session.opened();
    expect(transport.sent).toEqual([]);
    expect(session.status().error).toContain('wildcards');
  });
});

describe('MQTT session: keepalive', () => {
  it('sends PINGREQ after keepalive seconds of silence, and counts PINGRESP', () => {
    const { session, timers, sent } = connected({ keepaliveSeconds: 2 });
    timers.advance(1000);
    run(session, { type: 'publish', topic: 't', payload: 'x', qos: 0, retain: false });
    timers.advance(1999);
    expect(sent().map((p) => p.cmd)).toEqual(['publish']);
    timers.advance(1);
    expect(sent().map((p) => p.cmd)).toEqual(['pingreq']);
    session.received(server({ cmd: 'pingresp' }));
    for (let i = 0; i < 3; i++) {
      timers.advance(2000);
      session.received(server({ cmd: 'pingresp' }));
    }
    expect(session.status().heartbeats).toEqual({ sent: 4, received: 4 });
    expect(session.status().phase).toBe('ready');
  });

  it('closes when no PINGRESP comes within the keepalive', () => {
    const { session, timers, transport } = connected({ keepaliveSeconds: 1 });
    timers.advance(1000);
    timers.advance(1000);
    expect(session.status().error).toBe('no PINGRESP within 1 s (keepalive timeout)');
    expect(transport.closedWith?.reason).toBe('keepalive timeout');
  });

  it('keepalive 0 sends nothing, and classify marks pings', () => {
    const { session, timers, transport } = connected({ keepaliveSeconds: 0 });
    timers.advance(600_000);
    expect(transport.sent).toEqual([]);
    expect(session.classify(server({ cmd: 'pingreq' }), 'out')).toBe('heartbeat');
    expect(session.classify(server({ cmd: 'pingresp' }), 'in')).toBe('heartbeat');
    expect(session.classify(server({ cmd: 'connack', returnCode: 0 }), 'in')).toBe('handshake');
    expect(session.classify(server({ cmd: 'connack', returnCode: 5 }), 'in')).toBe('error');
    expect(session.classify(server({ cmd: 'publish', topic: 't', payload: 'x', qos: 0 }), 'in')).toBe('message');
    expect(session.classify(server({ cmd: 'suback', messageId: 1, granted: [0] }), 'in')).toBe('control');
    expect(session.classify(text('hello'), 'in')).toBe('unknown');
  });
});

describe('MQTT session: subscribe, publish and the QoS flows', () => {
  it('subscribes and reads SUBACK codes with their meaning', () => {
    const { session, sent } = connected();
    run(session, {
      type: 'subscribe',
      subscriptions: [
        { filter: 'a/+', qos: 1 },
        { filter: 'b/#', qos: 2 },
      ],
    });
    const [subscribe] = sent();
    expect(subscribe).toMatchObject({
      cmd: 'subscribe',
      subscriptions: [
        { topic: 'a/+', qos: 1 },
        { topic: 'b/#', qos: 2 },
      ],
    });
    expect(session.status().subscriptions.map((s) => s.state)).toEqual(['pending', 'pending']);
    session.received(server({ cmd: 'suback', messageId: subscribe?.messageId, granted: [1, 0x80] }));
    expect(session.status().subscriptions).toEqual([
      { filter: 'a/+', requestedQos: 1, state: 'granted', grantedQos: 1 },
      { filter: 'b/#', requestedQos: 2, state: 'refused', reason: 'Failure (0x80)' },
    ]);
    expect(session.status().error).toBe('SUBACK refused "b/#": Failure (0x80)');
    run(session, { type: 'unsubscribe', filters: ['a/+'] });
    const [unsubscribe] = sent();
    session.received(server({ cmd: 'unsuback', messageId: unsubscribe?.messageId }));
    expect(session.status().subscriptions.map((s) => s.filter)).toEqual(['b/#']);
  });

  it('5: SUBACK reason codes and subscription options', () => {
    const { session, sent } = connected({ version: '5' });
    run(session, { type: 'subscribe', subscriptions: [{ filter: 'x', qos: 0, noLocal: true, retainHandling: 2 }] });
    const [subscribe] = sent();
    expect(subscribe).toMatchObject({ subscriptions: [{ topic: 'x', qos: 0, nl: true, rh: 2 }] });
    session.received(server({ cmd: 'suback', messageId: subscribe?.messageId, granted: [0x87], properties: {} }, 5));
    expect(session.status().error).toBe('SUBACK refused "x": Not authorized (0x87)');
  });

  it('QoS 1 and 2 publishes complete (PUBACK; PUBREC → PUBREL → PUBCOMP)', () => {
    const { session, sent, timers } = connected();
    run(session, { type: 'publish', topic: 'q/1', payload: 'one', qos: 1, retain: false });
    run(session, { type: 'publish', topic: 'q/2', payload: 'two', qos: 2, retain: true });
    const [p1, p2] = sent();
    expect(p1).toMatchObject({ cmd: 'publish', topic: 'q/1', qos: 1, retain: false });
    expect(p2).toMatchObject({ cmd: 'publish', topic: 'q/2', qos: 2, retain: true });
    expect(String(p2?.payload)).toBe('two');
    timers.advance(5);
    session.received(server({ cmd: 'puback', messageId: p1?.messageId }));
    session.received(server({ cmd: 'pubrec', messageId: p2?.messageId }));
    expect(sent()).toMatchObject([{ cmd: 'pubrel', messageId: p2?.messageId }]);
    expect(session.status().publishes.map((f) => [f.topic, f.stage])).toEqual([
      ['q/1', 'completed'],
      ['q/2', 'PUBCOMP'],
    ]);
    session.received(server({ cmd: 'pubcomp', messageId: p2?.messageId }));
    expect(session.status().publishes.map((f) => [f.topic, f.stage, f.ms])).toEqual([
      ['q/1', 'completed', 5],
      ['q/2', 'completed', 5],
    ]);
    session.received(server({ cmd: 'puback', messageId: 999 }));
    expect(session.status().error).toBe('PUBACK #999 matches no publish waiting for it');
  });

  it('5: a refused PUBACK/PUBREC ends the flow with its reason; properties are sent', () => {
    const { session, sent } = connected({ version: '5' });
    const properties = {
      contentType: 'application/json',
      messageExpiryInterval: 30,
      responseTopic: 'r/1',
      correlationData: 'c',
      payloadFormatIndicator: 1 as const,
      userProperties: [['k', 'v']] as [string, string][],
    };
    run(session, { type: 'publish', topic: 't', payload: '{}', qos: 1, retain: false, properties });
    const [p] = sent();
    expect(p?.properties).toMatchObject({
      contentType: 'application/json',
      messageExpiryInterval: 30,
      responseTopic: 'r/1',
      payloadFormatIndicator: true,
      userProperties: { k: 'v' },
    });
    session.received(server({ cmd: 'puback', messageId: p?.messageId, reasonCode: 0x87 }, 5));
    expect(session.status().publishes[0]).toMatchObject({ stage: 'refused', reason: 'Not authorized (0x87)' });
    run(session, { type: 'publish', topic: 't', payload: '', qos: 2, retain: false });
    const [p2] = sent();
    session.received(server({ cmd: 'pubrec', messageId: p2?.messageId, reasonCode: 0x97 }, 5));
    expect(sent()).toEqual([]);
    expect(session.status().error).toContain('Quota exceeded');
  });

  it('incoming QoS 1 is PUBACKed; QoS 2 is PUBRECed, delivered once, and PUBCOMPed on PUBREL', () => {
    const { session, sent } = connected();
    session.received(server({ cmd: 'publish', topic: 'in/1', payload: 'a', qos: 1, messageId: 7 }));
    session.received(server({ cmd: 'publish', topic: 'in/2', payload: Buffer.from([0xff, 0]), qos: 2, messageId: 8 }));
    session.received(
      server({ cmd: 'publish', topic: 'in/2', payload: Buffer.from([0xff, 0]), qos: 2, messageId: 8, dup: true }),
    );
    expect(sent()).toMatchObject([
      { cmd: 'puback', messageId: 7 },
      { cmd: 'pubrec', messageId: 8 },
      { cmd: 'pubrec', messageId: 8 },
    ]);
    expect(session.status().awaitingRelease).toEqual([8]);
    session.received(server({ cmd: 'pubrel', messageId: 8 }));
    expect(sent()).toMatchObject([{ cmd: 'pubcomp', messageId: 8 }]);
    expect(session.status().messages.map((m) => [m.topic, m.qos, m.payloadText])).toEqual([
      ['in/1', 1, 'a'],
      ['in/2', 2, 'base64:/wA='],
    ]);
    expect(session.status().awaitingRelease).toEqual([]);
  });

  it('reads packets split across frames and several in one frame', () => {
    const { session, sent } = connected();
    const one = mqttPacket.generate({
      cmd: 'publish',
      topic: 's',
      payload: 'x'.repeat(300),
      qos: 0,
      dup: false,
      retain: false,
    });
    const two = mqttPacket.generate({ cmd: 'pingresp' });
    const both = Buffer.concat([one, two]);
    session.received({ kind: 'binary', base64: both.subarray(0, 2).toString('base64') });
    session.received({ kind: 'binary', base64: both.subarray(2, 100).toString('base64') });
    expect(session.status().messages).toHaveLength(0);
    session.received({ kind: 'binary', base64: both.subarray(100).toString('base64') });
    expect(session.status().messages).toHaveLength(1);
    expect(session.status().messages[0]?.payloadBytes).toBe(300);
    expect(session.status().heartbeats.received).toBe(1);
    expect(sent()).toEqual([]);
  });

  it('refuses bad commands before sending anything', () => {
    const { session, transport } = connected();
    const errors = [
      run(session, { type: 'subscribe', subscriptions: [] }),
      run(session, { type: 'subscribe', subscriptions: [{ filter: 'a/#/b', qos: 0 }] }),
      run(session, { type: 'subscribe', subscriptions: [{ filter: 'a+', qos: 0 }] }),
      run(session, { type: 'subscribe', subscriptions: [{ filter: 'x', qos: 0, noLocal: true }] }),
      run(session, { type: 'unsubscribe', filters: [''] }),
      run(session, { type: 'publish', topic: 'a/+', payload: '', qos: 0, retain: false }),
      run(session, { type: 'publish', topic: 't', payload: '!', payloadEncoding: 'base64', qos: 0, retain: false }),
      run(session, {
        type: 'publish',
        topic: 't',
        payload: '',
        qos: 0,
        retain: false,
        properties: { contentType: 'x' },
      }),
    ].map((r) => (r.ok ? 'ok' : r.error));
    expect(errors).toEqual([
      'Subscribe to at least one topic filter',
      'Bad topic filter "a/#/b": # must be the last level, alone',
      'Bad topic filter "a+": + must fill a whole level',
      'No Local, Retain As Published and Retain Handling are MQTT 5 options',
      'A topic filter cannot be empty',
      'Topic name "a/+" cannot contain the wildcards + or #',
      'The payload is not base64',
      'Publish properties are MQTT 5 only',
    ]);
    expect(transport.sent).toEqual([]);
    expect(run(setup().session, { type: 'publish', topic: 't', payload: '', qos: 0, retain: false }).ok).toBe(false);
  });

  it('caps publishes in flight (and the server receive maximum)', () => {
    const { session } = connected({ version: '5' }, { receiveMaximum: 3 });
    for (let i = 0; i < 3; i++)
      expect(run(session, { type: 'publish', topic: 't', payload: '', qos: 1, retain: false }).ok).toBe(true);
    expect(run(session, { type: 'publish', topic: 't', payload: '', qos: 1, retain: false })).toEqual({
      ok: false,
      error: '3 publishes are in flight already; wait for their acks',
    });
    expect(run(session, { type: 'publish', topic: 't', payload: '', qos: 0, retain: false }).ok).toBe(true);
  });

  it('bounds received messages; a server DISCONNECT (5) says why; client disconnect', () => {
    const { session } = connected({ version: '5' });
    for (let i = 0; i < 210; i++)
      session.received(server({ cmd: 'publish', topic: 't', payload: String(i), qos: 0, properties: {} }, 5));
    expect(session.status().messages).toHaveLength(200);
    expect(session.status().dropped).toBe(10);
    session.received(server({ cmd: 'disconnect', reasonCode: 0x8b, properties: { reasonString: 'bye' } }, 5));
    expect(session.status()).toMatchObject({ phase: 'closed', error: 'DISCONNECT Server shutting down (0x8b): bye' });
    const other = connected();
    expect(run(other.session, { type: 'disconnect' })).toEqual({ ok: true });
    expect(other.sent()).toMatchObject([{ cmd: 'disconnect' }]);
    expect(other.session.status()).toMatchObject({ phase: 'closed', error: null });
  });

  it('pending flows end as closed when the socket closes; dispose stops timers', () => {
    const { session, timers } = connected();
    run(session, { type: 'publish', topic: 't', payload: '', qos: 1, retain: false });
    session.closed(1006, '');
    expect(session.status().publishes[0]?.stage).toBe('closed');
    expect(timers.pending()).toBe(0);
    const other = connected();
    other.session.dispose();
    expect(other.timers.pending()).toBe(0);
  });
});

describe('MQTT session: untrusted input, topics and guards', () => {
  it('never throws on truncated, mutated or random packets, and closes on malformed ones', () => {
    const packets = [
      server({ cmd: 'connack', returnCode: 0 }),
      server({ cmd: 'publish', topic: 'a/b', payload: 'hello', qos: 2, messageId: 3 }),
      server({ cmd: 'suback', messageId: 1, granted: [0, 1] }),
      server({ cmd: 'pubrel', messageId: 3 }),
      server(
        { cmd: 'publish', topic: 'a', payload: 'x', qos: 1, messageId: 9, properties: { userProperties: { a: 'b' } } },
        5,
      ),
      server({ cmd: 'disconnect', reasonCode: 0x81, properties: { reasonString: 'r' } }, 5),
    ];
    for (const version of ['3.1.1', '5'] as const) {
      for (const packet of packets) {
        const bytes = Buffer.from(packet.kind === 'binary' ? packet.base64 : '', 'base64');
        for (const mutated of mutations(bytes)) {
          const s = connected({ version });
          expect(() =>
            s.session.received({ kind: 'binary', base64: Buffer.from(mutated).toString('base64') }),
          ).not.toThrow();
          expect(() =>
            s.session.classify({ kind: 'binary', base64: Buffer.from(mutated).toString('base64') }, 'in'),
          ).not.toThrow();
          expect(() => JSON.stringify(s.session.status())).not.toThrow();
        }
      }
      const s = connected({ version });
      for (let seed = 1; seed < 300 && s.session.status().phase === 'ready'; seed++)
        expect(() =>
          s.session.received({
            kind: 'binary',
            base64: Buffer.from(randomBytes(seed, 1 + (seed % 30))).toString('base64'),
          }),
        ).not.toThrow();
      expect(() => s.session.received({ kind: 'binary', base64: '***' })).not.toThrow();
    }
    const bad = connected();
    bad.session.received({
      kind: 'binary',
      base64: Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]).toString('base64'),
    });
    expect(bad.session.status().error).toContain('malformed packet');
    const textual = connected();
    textual.session.received(text('hi'));
    expect(textual.session.status().error).toContain('binary frames only');
  });

  it('checks topic names and filters as § 4.7 says', () => {
    expect(topicFilterProblem('#')).toBeNull();
    expect(topicFilterProblem('+/a/+/#')).toBeNull();
    expect(topicFilterProblem('$share/g/a/#')).toBeNull();
    expect(topicFilterProblem('$share/g+/a')).not.toBeNull();
    expect(topicFilterProblem('$share/g')).not.toBeNull();
    expect(topicFilterProblem('a\u0000b')).not.toBeNull();
    expect(topicFilterProblem('x'.repeat(70_000))).not.toBeNull();
    expect(topicNameProblem('a/b')).toBeNull();
    expect(topicNameProblem('a/#')).not.toBeNull();
    expect(topicNameProblem('')).not.toBeNull();
  });

  it('guards options and commands', () => {
    const options = {
      protocol: 'mqtt',
      version: '5',
      clientId: '',
      username: '',
      password: '',
      keepaliveSeconds: 30,
      cleanStart: true,
    };
    expect(isMqttOptions(options)).toBe(true);
    expect(isMqttOptions({ ...options, version: '4' })).toBe(false);
    expect(isMqttOptions({ ...options, keepaliveSeconds: 70_000 })).toBe(false);
    expect(isMqttOptions({ ...options, will: { topic: 't', payload: '', qos: 3, retain: false } })).toBe(false);
    expect(isMqttCommand({ protocol: 'mqtt', type: 'subscribe', subscriptions: [{ filter: 'a', qos: 1 }] })).toBe(true);
    expect(isMqttCommand({ protocol: 'mqtt', type: 'subscribe', subscriptions: [{ filter: 'a', qos: 5 }] })).toBe(
      false,
    );
    expect(
      isMqttCommand({
        protocol: 'mqtt',
        type: 'publish',
        topic: 't',
        payload: '',
        qos: 0,
        retain: false,
        properties: { messageExpiryInterval: -1 },
      }),
    ).toBe(false);
    expect(isMqttCommand({ protocol: 'mqtt', type: 'unsubscribe', filters: 'a' })).toBe(false);
  });
});
