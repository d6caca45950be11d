import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMqttBroker, type MqttBrokerServer } from '../../../server/protocol-servers.mjs';
import type { MqttOptions, MqttQos } from '../../../src/sessions/mqtt-messages';
import { createMqttSession } from '../../../src/sessions/mqtt-session';
import { bridge, until } from './ws-bridge';

/** Against aedes (MQTT 3.1.1) over WebSocket. */
describe('MQTT session against aedes', () => {
  let broker: MqttBrokerServer;
  beforeAll(async () => {
    broker = await startMqttBroker({ authenticate: (_client, username) => username !== 'intruder' });
  });
  afterAll(() => broker.close());

  const connect = (overrides: Partial<MqttOptions> = {}) =>
    bridge(broker.url, ['mqtt'], (deps) =>
      createMqttSession(
        {
          protocol: 'mqtt',
          version: '3.1.1',
          clientId: `c-${Math.random().toString(36).slice(2)}`,
          username: '',
          password: '',
          keepaliveSeconds: 30,
          cleanStart: true,
          ...overrides,
        },
        deps,
      ),
    );

  it('subscribes and publishes at QoS 0, 1 and 2, both ways', async () => {
    const a = connect();
    const b = connect();
    await until(() => a.session.status().phase === 'ready' && b.session.status().phase === 'ready');
    a.session.run({
      protocol: 'mqtt',
      type: 'subscribe',
      subscriptions: [0, 1, 2].map((qos) => ({ filter: `t/${qos}/+`, qos: qos as MqttQos })),
    });
    await until(() => a.session.status().subscriptions.every((s) => s.state === 'granted'), 3000, 'SUBACK');
    expect(a.session.status().subscriptions.map((s) => s.grantedQos)).toEqual([0, 1, 2]);
    for (const qos of [0, 1, 2] as const) {
      const result = b.session.run({
        protocol: 'mqtt',
        type: 'publish',
        topic: `t/${qos}/x`,
        payload: `m${qos}`,
        qos,
        retain: false,
      });
      expect(result).toEqual({ ok: true });
    }
    await until(() => a.session.status().messages.length === 3, 3000, 'three messages');
    // The broker delivers each QoS on its own schedule: compare in topic order.
    const received = a.session.status().messages.map((m) => [m.topic, m.qos, m.payloadText]);
    expect(received.sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ['t/0/x', 0, 'm0'],
      ['t/1/x', 1, 'm1'],
      ['t/2/x', 2, 'm2'],
    ]);
    await until(() => b.session.status().publishes.filter((f) => f.stage === 'completed').length === 2, 3000, 'acks');
    expect(
      b.session
        .status()
        .publishes.map((f) => [f.qos, f.stage])
        .sort(),
    ).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    // The broker completed its QoS 2 delivery to `a` too: PUBREC answered by PUBREL, PUBCOMP sent.
    await until(() => a.session.status().awaitingRelease.length === 0, 3000, 'PUBREL');
    expect(a.session.status().error).toBeNull();
    a.close();
    b.close();
    await Promise.all([a.closed, b.closed]);
  });

  it('holds the keepalive past 3 intervals (aedes drops a client silent for 1.5 of them)', async () => {
    const s = connect({ keepaliveSeconds: 1 });
    await until(() => s.session.status().phase === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(s.session.status()).toMatchObject({ phase: 'ready', error: null });
    expect(s.session.status().heartbeats.received).toBeGreaterThanOrEqual(3);
    s.close();
    await s.closed;
  });

  it('a refused CONNECT gives the CONNACK code and its meaning; MQTT 5 is refused by a 3.1.1 broker', async () => {
    const intruder = connect({ username: 'intruder', password: 'x' });
    await until(() => intruder.session.status().phase === 'failed', 3000, 'CONNACK refusal');
    expect(intruder.session.status().error).toBe('CONNACK refused: not authorized (0x05)');
    const v5 = connect({ version: '5' });
    await until(
      () => v5.session.status().phase !== 'handshake' && v5.session.status().phase !== 'idle',
      3000,
      'v5 answer',
    );
    expect(v5.session.status().error).toBe('CONNACK refused: unacceptable protocol version (0x01)');
    await Promise.all([intruder.closed, v5.closed]);
  });
});
