import type { WirePayload } from '../../protocol';
import { readBytes } from './input';
import { PACKET_TYPES } from './mqtt-codes';
import { parsePacketBody, type MqttVersion } from './mqtt-packets';
import { createMqttReader, MqttReadError, readRemainingLength } from './mqtt-reader';
import { failure, fieldList, neverThrows, oneLine } from './result';
import type { DecodeContext, DecodeResult } from './types';

/** Packet types whose reserved fixed-header flags must be 0010 (§ 2.1.3); all others but PUBLISH 0000. */
const FLAGS_0010 = new Set([6, 8, 10]);

/** MQTT 3.1, 3.1.1 and 5.0 control packets; a frame may hold several (WebSocket streams coalesce). */
export const decodeMqtt = neverThrows('mqtt', (payload: WirePayload, context: DecodeContext): DecodeResult => {
  if (payload.kind === 'text') return failure('mqtt', 'MQTT is binary, this is a text frame', payload);
  const head = readBytes(payload, context);
  if (!head.ok) return failure('mqtt', head.error, payload);
  const { bytes, truncated } = head.value;
  if (bytes.length === 0) return failure('mqtt', 'empty frame', payload);
  const parts: DecodeResult[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const packet = decodePacketAt(bytes, pos, truncated, context, payload);
    parts.push(packet.result);
    if (packet.end === null) break;
    pos = packet.end;
  }
  if (parts.length === 1) return parts[0] as DecodeResult;
  const error = parts.find((p) => p.error)?.error;
  return {
    decoder: 'mqtt',
    type: 'packets',
    summary: oneLine(parts.map((p) => p.summary).join(' | ')),
    fields: [{ name: 'packets', value: String(parts.length) }],
    parts,
    ...(error ? { error } : {}),
    ...(truncated ? { truncated: true } : {}),
  };
});

function decodePacketAt(
  bytes: Uint8Array,
  pos: number,
  cutFrame: boolean,
  context: DecodeContext,
  payload: WirePayload,
): { result: DecodeResult; end: number | null } {
  const first = bytes[pos] as number;
  const type = first >> 4;
  const flags = first & 0x0f;
  const typeName = PACKET_TYPES[type] ?? 'RESERVED';
  const fail = (error: string) => ({ result: failure('mqtt', error, payload, { type: typeName }), end: null });
  if (type === 0) return fail('reserved packet type 0');
  const length = readRemainingLength(bytes, pos + 1);
  if ('invalid' in length) return fail(length.invalid);
  if ('incomplete' in length) return fail(`${typeName} fixed header ends early`);
  const start = pos + 1 + length.size;
  const end = start + length.value;
  const cut = end > bytes.length;
  if (cut && !(cutFrame && type === 3)) {
    if (cutFrame) return fail(`${typeName} is larger than the decode limit`);
    return fail(`${typeName} ends early: remaining length ${length.value}, frame has ${bytes.length - start} byte(s)`);
  }
  if (type === 3 && ((flags >> 1) & 3) === 3) return fail('PUBLISH with QoS 3');
  const expectedFlags = FLAGS_0010.has(type) ? 2 : 0;
  const flagsError =
    type !== 3 && flags !== expectedFlags
      ? `reserved flags of ${typeName} must be ${expectedFlags.toString(2).padStart(4, '0')}`
      : undefined;
  const data = bytes.subarray(start, Math.min(end, bytes.length));
  const { version, guessed } = versionOf(type, data, context);
  const attempt = (v: MqttVersion) => parseWith(type, flags, v, data, length.value, cut);
  let parsed = attempt(version);
  if ('error' in parsed && guessed && [3, 8, 9, 10, 11].includes(type)) {
    const other = attempt(version === 5 ? 4 : 5);
    if (!('error' in other)) parsed = other;
  }
  if ('error' in parsed) return fail(`${typeName}: ${parsed.error}`);
  const used = parsed.version;
  const versionText = `${used === 5 ? '5.0' : used === 4 ? '3.1.1' : '3.1'}${guessed ? ' (guessed)' : ''}`;
  const fields = fieldList([
    ['type', typeName],
    ['flags', flags.toString(2).padStart(4, '0')],
    ['remaining length', String(length.value)],
    ['MQTT version', type === 1 ? undefined : versionText],
    ...parsed.packet.fields,
  ]);
  const result: DecodeResult = {
    decoder: 'mqtt',
    type: typeName,
    summary: oneLine(`${typeName} ${parsed.packet.detail}`.trim()),
    fields,
    ...(parsed.packet.body === undefined ? {} : { body: parsed.packet.body }),
    ...(cut ? { truncated: true } : {}),
    ...(flagsError ? { error: flagsError } : {}),
  };
  return { result, end: cut ? null : end };
}

function parseWith(
  type: number,
  flags: number,
  version: MqttVersion,
  data: Uint8Array,
  payloadSize: number,
  cut: boolean,
) {
  const reader = createMqttReader(data, PACKET_TYPES[type]);
  try {
    const packet = parsePacketBody({ type, flags, version, payloadSize, cut }, reader);
    if (reader.remaining > 0) return { error: `${reader.remaining} unexpected byte(s) after the packet` };
    return { packet, version };
  } catch (error) {
    if (error instanceof MqttReadError) return { error: error.message };
    throw error;
  }
}

/** The connection's version if known; else the CONNECT's level, or a guess from packet lengths. */
function versionOf(type: number, data: Uint8Array, context: DecodeContext): { version: MqttVersion; guessed: boolean } {
  if (type === 1) {
    const nameLength = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
    const level = data[2 + nameLength];
    return { version: level === 5 ? 5 : level === 3 ? 3 : 4, guessed: false };
  }
  if (context.mqttVersion) return { version: context.mqttVersion, guessed: false };
  if (type === 15) return { version: 5, guessed: true };
  // Packets that are exactly this long in 3.1.1 carry a reason code or properties in 5.0.
  const v3Length: Record<number, number> = { 2: 2, 4: 2, 5: 2, 6: 2, 7: 2, 11: 2, 14: 0 };
  const fixed = v3Length[type];
  return { version: fixed !== undefined && data.length > fixed ? 5 : 4, guessed: true };
}
