import { utf8Encode } from '../core/bytes';
import type { MqttOptions, MqttPublishProperties, MqttQos, MqttSubscription } from './mqtt-messages';

/** MQTT 3.1.1 / 5.0 packets as a client writes them (MQTT 5.0 § 2–3; 3.1.1 is the same less properties). */

type Part = Uint8Array | number[];

const concat = (parts: readonly Part[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** § 1.5.5 Variable Byte Integer. */
export function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}
const binary = (bytes: Uint8Array) => concat([u16(bytes.length), bytes]);
const utf8 = (text: string) => binary(utf8Encode(text));

/** A fixed header (§ 2.1) before its body. */
const packet = (type: number, flags: number, body: readonly Part[]) => {
  const rest = concat(body);
  return concat([[(type << 4) | flags], varint(rest.length), rest]);
};

/** § 2.2.2 Properties: the length, then each identifier and value. */
function properties(list: readonly Part[]): Uint8Array {
  const body = concat(list);
  return concat([varint(body.length), body]);
}

function publishProperties(p: MqttPublishProperties | undefined): Part[] {
  if (!p) return [];
  const out: Part[] = [];
  if (p.payloadFormatIndicator !== undefined) out.push([0x01, p.payloadFormatIndicator]);
  if (p.messageExpiryInterval !== undefined) out.push([0x02, ...u32(p.messageExpiryInterval)]);
  if (p.contentType !== undefined) out.push([0x03], utf8(p.contentType));
  if (p.responseTopic !== undefined) out.push([0x08], utf8(p.responseTopic));
  if (p.correlationData !== undefined) out.push([0x09], binary(utf8Encode(p.correlationData)));
  for (const [key, value] of p.userProperties ?? []) out.push([0x26], utf8(key), utf8(value));
  return out;
}

export function encodeConnect(o: MqttOptions): Uint8Array {
  const v5 = o.version === '5';
  const will = o.will;
  let flags = o.cleanStart ? 0x02 : 0;
  if (will) flags |= 0x04 | (will.qos << 3) | (will.retain ? 0x20 : 0);
  if (o.password) flags |= 0x40;
  if (o.username) flags |= 0x80;
  const connectProperties = v5 && o.sessionExpirySeconds ? [[0x11, ...u32(o.sessionExpirySeconds)]] : [];
  const body: Part[] = [utf8('MQTT'), [v5 ? 5 : 4, flags], u16(o.keepaliveSeconds)];
  if (v5) body.push(properties(connectProperties));
  body.push(utf8(o.clientId));
  if (will) {
    if (v5) body.push([0]); // no will properties
    body.push(utf8(will.topic), binary(utf8Encode(will.payload)));
  }
  if (o.username) body.push(utf8(o.username));
  if (o.password) body.push(binary(utf8Encode(o.password)));
  return packet(1, 0, body);
}

export function encodePublish(
  v5: boolean,
  p: { topic: string; payload: Uint8Array; qos: MqttQos; retain: boolean; packetId?: number; dup?: boolean },
  props?: MqttPublishProperties,
): Uint8Array {
  const flags = (p.dup ? 0x08 : 0) | (p.qos << 1) | (p.retain ? 1 : 0);
  const body: Part[] = [utf8(p.topic)];
  if (p.qos > 0) body.push(u16(p.packetId ?? 0));
  if (v5) body.push(properties(publishProperties(props)));
  body.push(p.payload);
  return packet(3, flags, body);
}

/** PUBACK (4), PUBREC (5), PUBREL (6), PUBCOMP (7); a 0 reason code may be left out (§ 3.4.2.1). */
export function encodeAck(type: 4 | 5 | 6 | 7, packetId: number): Uint8Array {
  return packet(type, type === 6 ? 0x02 : 0, [u16(packetId)]);
}

export function encodeSubscribe(v5: boolean, packetId: number, subscriptions: readonly MqttSubscription[]): Uint8Array {
  const body: Part[] = [u16(packetId)];
  if (v5) body.push([0]);
  for (const s of subscriptions) {
    const options = v5
      ? s.qos | (s.noLocal ? 0x04 : 0) | (s.retainAsPublished ? 0x08 : 0) | ((s.retainHandling ?? 0) << 4)
      : s.qos;
    body.push(utf8(s.filter), [options]);
  }
  return packet(8, 0x02, body);
}

export function encodeUnsubscribe(v5: boolean, packetId: number, filters: readonly string[]): Uint8Array {
  return packet(10, 0x02, [u16(packetId), ...(v5 ? [[0]] : []), ...filters.map(utf8)]);
}

export const encodePingreq = () => Uint8Array.of(0xc0, 0);
export const encodeDisconnect = () => Uint8Array.of(0xe0, 0);
