import { base64ToBytes, bytesToBase64 } from '../core/bytes';
import { reasonName } from '../core/decoders/mqtt-codes';
import type { MqttProperty } from '../core/decoders/mqtt-properties';
import { clip, createBoundedList } from './bounded';
import { errorMessage } from './guards';
import { checkMqttCommand, mqttOptionsProblem, NO_LIMITS, type ServerLimits } from './mqtt-commands';
import { readConnack } from './mqtt-connack';
import { createSubscriptionBook } from './mqtt-subscriptions';
import * as encode from './mqtt-encode';
import { INFLIGHT_CAP, createPublishFlows } from './mqtt-flows';
import { createPacketStream, parseIncoming, type MqttIncoming } from './mqtt-incoming';
import type { MqttCommand, MqttMessage, MqttOptions, MqttStatus } from './mqtt-messages';
import { classifyMqtt } from './mqtt-classify';
import { createTimerSlots } from './timers';
import type { ProtocolSession, RunResult, SessionDeps, SessionPhase } from './types';

export type MqttSession = ProtocolSession<MqttCommand, MqttStatus>;

const MESSAGES_CAP = 200;
const AWAITING_RELEASE_CAP = 1000;
const MAX_PACKET_BYTES = 16 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;
const prop = (list: readonly MqttProperty[], name: string) => list.find((p) => p.name === name)?.value;

/** An MQTT 3.1.1 / 5 client over an owned socket (binary frames only, § 6.0). */
export function createMqttSession(options: MqttOptions, deps: SessionDeps): MqttSession {
  const { transport, timers } = deps;
  const v5 = options.version === '5';
  const slots = createTimerSlots(timers);
  const flows = createPublishFlows(() => timers.now());
  const stream = createPacketStream(MAX_PACKET_BYTES);
  const messages = createBoundedList<MqttMessage>(MESSAGES_CAP);
  const subscriptions = createSubscriptionBook();
  const awaitingRelease = new Set<number>();
  let limits: ServerLimits = NO_LIMITS;
  let phase: SessionPhase = 'idle';
  let error: string | null = mqttOptionsProblem(options);
  let clientId = options.clientId;
  let connack: MqttStatus['connack'] = null;
  let keepalive = options.keepaliveSeconds;
  let sent = 0;
  let received = 0;
  let dropped = 0;
  let disposed = false;
  const changed = () => deps.onChange?.();

  const close = (message: string, reason: string, next: SessionPhase = 'closed') => {
    error = message;
    phase = next;
    slots.clearAll();
    transport.close(4000, reason);
  };
  const armKeepalive = () => {
    if (keepalive === 0 || phase !== 'ready') return;
    // § 3.1.2.10: the client sends some packet at least every Keep Alive seconds; PINGREQ when idle.
    slots.set('keepalive', keepalive * 1000, () => {
      send(encode.encodePingreq());
      sent++;
      if (!slots.has('pingresp'))
        slots.set('pingresp', keepalive * 1000, () => {
          close(`no PINGRESP within ${keepalive} s (keepalive timeout)`, 'keepalive timeout');
          changed();
        });
      changed();
    });
  };
  function send(bytes: Uint8Array) {
    transport.send({ kind: 'binary', base64: bytesToBase64(bytes) });
    armKeepalive();
  }

  const onConnack = (p: Extract<MqttIncoming, { type: 'CONNACK' }>) => {
    slots.clear('handshake');
    const reading = readConnack(v5, p.code, p.properties);
    connack = { code: p.code, reason: reading.reason, sessionPresent: p.sessionPresent };
    if (reading.refused) return close(reading.error, 'refused', 'failed');
    clientId = reading.clientId ?? clientId;
    keepalive = reading.keepaliveSeconds ?? keepalive;
    limits = reading.limits;
    phase = 'ready';
    armKeepalive();
  };

  const onPublish = (p: Extract<MqttIncoming, { type: 'PUBLISH' }>) => {
    if (p.topic === '') return void (error = 'PUBLISH without a topic name (topic aliases were not offered)');
    // § 4.3.3 method B: a QoS 2 id waiting for PUBREL is a duplicate; answer it, deliver it once.
    const duplicate = p.qos === 2 && awaitingRelease.has(p.packetId ?? -1);
    if (p.qos === 1) send(encode.encodeAck(4, p.packetId ?? 0));
    if (p.qos === 2) {
      send(encode.encodeAck(5, p.packetId ?? 0));
      awaitingRelease.add(p.packetId ?? 0);
      if (awaitingRelease.size > AWAITING_RELEASE_CAP) {
        awaitingRelease.delete(awaitingRelease.values().next().value as number);
        dropped++;
      }
    }
    if (duplicate) return;
    let payloadText: string;
    try {
      payloadText = clip(utf8.decode(p.payload));
    } catch {
      payloadText = clip(`base64:${bytesToBase64(p.payload.subarray(0, 3072))}`);
    }
    const { topic, qos, retain, dup, packetId } = p;
    const properties = p.properties.map((x) => [x.name, x.value] as const);
    const base = { at: timers.now(), topic, qos, retain, dup, payloadText, payloadBytes: p.payload.length, properties };
    messages.push(packetId === undefined ? base : { ...base, packetId });
  };

  const onPacket = (p: MqttIncoming) => {
    if (phase === 'handshake' && p.type !== 'CONNACK')
      return close(`${p.type === 'unexpected' ? p.name : p.type} before CONNACK`, 'protocol error', 'failed');
    switch (p.type) {
      case 'CONNACK':
        return phase === 'handshake' ? onConnack(p) : close('a second CONNACK', 'protocol error');
      case 'PUBLISH':
        return onPublish(p);
      case 'PUBACK':
      case 'PUBREC':
      case 'PUBCOMP': {
        const next = flows.acked(p.type, p.packetId, p.code);
        if (next === 'pubrel') send(encode.encodeAck(6, p.packetId));
        else if (next !== 'done') error = next.error;
        return;
      }
      case 'PUBREL':
        awaitingRelease.delete(p.packetId);
        return send(encode.encodeAck(7, p.packetId));
      case 'SUBACK':
      case 'UNSUBACK': {
        const { matched, refusal } = subscriptions.acked(p.type, p.packetId, p.codes);
        if (!matched) return void (error = `${p.type} #${p.packetId} matches no request`);
        flows.release(p.packetId);
        if (refusal) error = refusal;
        return;
      }
      case 'PINGRESP':
        received++;
        return slots.clear('pingresp');
      case 'DISCONNECT': {
        const reasonString = prop(p.properties, 'reasonString');
        return close(
          `DISCONNECT ${reasonName(p.code)} (${hex(p.code)})${reasonString ? `: ${reasonString}` : ''}`,
          'server disconnect',
        );
      }
      case 'unexpected':
        return close(`a server never sends ${p.name} (protocol error)`, 'protocol error');
    }
  };

  const onBytes = (bytes: Uint8Array) => {
    const { packets, error: streamError } = stream.push(bytes);
    for (const raw of packets) {
      if (phase === 'closed' || phase === 'failed') return;
      try {
        onPacket(parseIncoming(raw.type, raw.flags, raw.body, v5));
      } catch (caught) {
        // § 4.13: a malformed packet closes the connection.
        return close(`malformed packet: ${errorMessage(caught)}`, 'malformed packet');
      }
    }
    if (streamError) close(`malformed packet: ${streamError}`, 'malformed packet');
  };

  const runChecked = (command: MqttCommand): RunResult => {
    if (phase !== 'ready') return { ok: false, error: 'not connected (no CONNACK yet)' };
    const checked = checkMqttCommand(command, options.version, limits);
    if (!checked.ok) return checked;
    if (command.type === 'disconnect') {
      send(encode.encodeDisconnect());
      close('', 'client disconnect');
      error = null;
      return { ok: true };
    }
    if (command.type === 'publish' && command.qos === 0) {
      send(encode.encodePublish(v5, { ...command, payload: checked.payload ?? new Uint8Array(0) }, command.properties));
      return { ok: true };
    }
    if (command.type === 'publish' && flows.inflight >= Math.min(INFLIGHT_CAP, limits.receiveMaximum))
      return { ok: false, error: `${flows.inflight} publishes are in flight already; wait for their acks` };
    if (command.type !== 'publish' && subscriptions.pending >= INFLIGHT_CAP)
      return { ok: false, error: 'too many subscribe requests waiting for their acks' };
    const packetId = flows.take();
    if (packetId === null) return { ok: false, error: 'every packet id is in use' };
    if (command.type === 'publish') {
      const payload = checked.payload ?? new Uint8Array(0);
      send(encode.encodePublish(v5, { ...command, payload, packetId }, command.properties));
      flows.start(packetId, command.topic, command.qos as 1 | 2);
    } else if (command.type === 'subscribe') {
      send(encode.encodeSubscribe(v5, packetId, command.subscriptions));
      subscriptions.subscribe(packetId, command.subscriptions);
    } else {
      send(encode.encodeUnsubscribe(v5, packetId, command.filters));
      subscriptions.unsubscribe(packetId, command.filters);
    }
    return { ok: true };
  };

  return {
    protocol: 'mqtt',
    opened() {
      if (disposed) return;
      if (error) {
        phase = 'failed';
        return transport.close(1000, 'bad options');
      }
      transport.send({ kind: 'binary', base64: bytesToBase64(encode.encodeConnect(options)) });
      phase = 'handshake';
      slots.set('handshake', options.handshakeTimeoutMs ?? 20_000, () => {
        close('no CONNACK from the server in time (handshake timeout)', 'handshake timeout', 'failed');
        changed();
      });
      changed();
    },
    received(payload) {
      if (disposed || phase === 'closed' || phase === 'failed' || phase === 'idle') return;
      try {
        if (payload.kind === 'text') close('a text frame: MQTT travels in binary frames only (§ 6.0)', 'text frame');
        else onBytes(base64ToBytes(payload.base64));
      } catch (caught) {
        close(`frame not understood: ${errorMessage(caught)}`, 'malformed packet');
      }
      changed();
    },
    closed(code, reason) {
      if (disposed) return;
      if (phase === 'handshake' && error === null)
        error = `socket closed during the handshake (${code} ${reason})`.trim();
      if (phase !== 'failed') phase = 'closed';
      slots.clearAll();
      flows.closeAll();
      changed();
    },
    run(command) {
      if (disposed) return { ok: false, error: 'the session has ended' };
      const result = runChecked(command);
      if (result.ok) changed();
      return result;
    },
    status: () => ({
      protocol: 'mqtt',
      phase,
      error,
      heartbeats: { sent, received },
      dropped: dropped + messages.dropped + flows.dropped,
      version: options.version,
      clientId,
      connack,
      keepaliveSeconds: keepalive,
      subscriptions: subscriptions.list(),
      publishes: flows.list(),
      awaitingRelease: [...awaitingRelease],
      messages: messages.items(),
    }),
    classify: (payload) => classifyMqtt(payload),
    dispose() {
      disposed = true;
      slots.clearAll();
    },
  };
}
