import { PACKET_TYPES } from '../core/decoders/mqtt-codes';
import { readProperties, type MqttProperty } from '../core/decoders/mqtt-properties';
import { createMqttReader, readRemainingLength } from '../core/decoders/mqtt-reader';
import type { MqttQos } from './mqtt-messages';

/** What a server sends, read into plain data. Reads throw MqttReadError; the session catches it. */
export type MqttIncoming =
  | {
      readonly type: 'CONNACK';
      readonly sessionPresent: boolean;
      readonly code: number;
      readonly properties: MqttProperty[];
    }
  | {
      readonly type: 'PUBLISH';
      readonly topic: string;
      readonly qos: MqttQos;
      readonly retain: boolean;
      readonly dup: boolean;
      readonly packetId?: number;
      readonly properties: MqttProperty[];
      readonly payload: Uint8Array;
    }
  | {
      readonly type: 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP';
      readonly packetId: number;
      readonly code: number;
      readonly properties: MqttProperty[];
    }
  | {
      readonly type: 'SUBACK' | 'UNSUBACK';
      readonly packetId: number;
      readonly codes: number[];
      readonly properties: MqttProperty[];
    }
  | { readonly type: 'PINGRESP' }
  | { readonly type: 'DISCONNECT'; readonly code: number; readonly properties: MqttProperty[] }
  /** Packets a server never sends to a client (CONNECT, SUBSCRIBE, …) and MQTT 5 AUTH. */
  | { readonly type: 'unexpected'; readonly name: string };

export function parseIncoming(type: number, flags: number, body: Uint8Array, v5: boolean): MqttIncoming {
  const reader = createMqttReader(body, PACKET_TYPES[type] ?? 'packet');
  const props = () => (v5 && reader.remaining > 0 ? readProperties(reader) : []);
  switch (type) {
    case 2: {
      const sessionPresent = (reader.u8() & 1) === 1;
      return { type: 'CONNACK', sessionPresent, code: reader.u8(), properties: props() };
    }
    case 3: {
      const qosBits = (flags >> 1) & 3;
      if (qosBits === 3) throw new RangeError('PUBLISH with QoS 3'); // § 3.3.1.2: malformed
      const qos = qosBits as MqttQos;
      const topic = reader.utf8();
      const packetId = qos > 0 ? reader.u16() : undefined;
      const properties = v5 ? readProperties(reader) : [];
      const base = { type: 'PUBLISH' as const, topic, qos, retain: (flags & 1) === 1, dup: (flags & 8) === 8 };
      return { ...base, properties, payload: reader.rest(), ...(packetId === undefined ? {} : { packetId }) };
    }
    case 4:
    case 5:
    case 6:
    case 7: {
      const packetId = reader.u16();
      const code = v5 && reader.remaining > 0 ? reader.u8() : 0;
      const name = (['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] as const)[type - 4] as 'PUBACK';
      return { type: name, packetId, code, properties: props() };
    }
    case 9:
    case 11: {
      const packetId = reader.u16();
      const properties = v5 ? readProperties(reader) : [];
      return { type: type === 9 ? 'SUBACK' : 'UNSUBACK', packetId, properties, codes: Array.from(reader.rest()) };
    }
    case 13:
      return { type: 'PINGRESP' };
    case 14: {
      const code = v5 && reader.remaining > 0 ? reader.u8() : 0;
      return { type: 'DISCONNECT', code, properties: props() };
    }
    default:
      return { type: 'unexpected', name: PACKET_TYPES[type] ?? `type ${type}` };
  }
}

export interface RawPacket {
  readonly type: number;
  readonly flags: number;
  readonly body: Uint8Array;
}

/**
 * Cuts the byte stream into packets: a WebSocket message may hold several packets or part of
 * one (MQTT 5.0 § 6.0), so bytes wait here until their packet is whole. Bounded by `maxBytes`.
 */
export function createPacketStream(maxBytes: number) {
  let pending = new Uint8Array(0);
  return {
    push(bytes: Uint8Array): { packets: RawPacket[]; error?: string } {
      const joined = new Uint8Array(pending.length + bytes.length);
      joined.set(pending);
      joined.set(bytes, pending.length);
      const packets: RawPacket[] = [];
      let offset = 0;
      while (joined.length - offset >= 2) {
        const length = readRemainingLength(joined, offset + 1);
        if ('incomplete' in length) break;
        if ('invalid' in length) return { packets, error: length.invalid };
        const total = 1 + length.size + length.value;
        if (total > maxBytes) return { packets, error: `a ${total}-byte packet is over the ${maxBytes}-byte limit` };
        if (joined.length - offset < total) break;
        const first = joined[offset] as number;
        const bodyStart = offset + 1 + length.size;
        packets.push({ type: first >> 4, flags: first & 15, body: joined.slice(bodyStart, offset + total) });
        offset += total;
      }
      pending = joined.slice(offset);
      return { packets };
    },
  };
}
