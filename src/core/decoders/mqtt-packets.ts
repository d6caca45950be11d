import { parseJson } from '../payload-views';
import { CONNACK_V3, reasonName, subackCode } from './mqtt-codes';
import { readProperties, type MqttProperty } from './mqtt-properties';
import type { MqttReader } from './mqtt-reader';
import { sizeText } from './result';

export type MqttVersion = 3 | 4 | 5;
type FieldEntry = readonly [string, unknown];

export interface ParsedPacket {
  /** Text after the packet type in the summary, e.g. `sensors/1 qos1 (24 B)`. */
  readonly detail: string;
  readonly fields: readonly (readonly [string, unknown])[];
  readonly body?: unknown;
}

/** What the packet's bytes past `reader` hold; `payloadSize` is the full size even when cut. */
export interface PacketFrame {
  readonly type: number;
  readonly flags: number;
  readonly version: MqttVersion;
  readonly payloadSize: number;
  readonly cut: boolean;
}

const propertyFields = (properties: readonly MqttProperty[]) => properties.map((p) => [p.name, p.value] as const);
const props = (reader: MqttReader, version: MqttVersion) => (version === 5 ? readProperties(reader) : []);

export function parsePacketBody(frame: PacketFrame, reader: MqttReader): ParsedPacket {
  const v5 = frame.version === 5;
  switch (frame.type) {
    case 1:
      return parseConnect(reader);
    case 2: {
      const sessionPresent = (reader.u8() & 1) === 1;
      const code = reader.u8();
      const properties = v5 ? readProperties(reader) : [];
      const outcome = v5 ? reasonName(code) : (CONNACK_V3[code] ?? `return code ${code}`);
      return {
        detail: `${outcome}${sessionPresent ? ' session-present' : ''}`,
        fields: [
          ['session present', String(sessionPresent)],
          [v5 ? 'reason code' : 'return code', `${code} (${outcome})`],
          ...propertyFields(properties),
        ],
      };
    }
    case 3:
      return parsePublish(frame, reader);
    case 4:
    case 5:
    case 6:
    case 7: {
      const packetId = reader.u16();
      const code = v5 && reader.remaining > 0 ? reader.u8() : 0;
      const properties = v5 && reader.remaining > 0 ? readProperties(reader) : [];
      const reason = code === 0 ? '' : ` ${reasonName(code)}`;
      return {
        detail: `#${packetId}${reason}`,
        fields: [
          ['packet id', String(packetId)],
          ['reason code', v5 ? `${code} (${reasonName(code)})` : undefined],
          ...propertyFields(properties),
        ],
      };
    }
    case 8: {
      const packetId = reader.u16();
      const properties = props(reader, frame.version);
      const filters: string[] = [];
      const fields: FieldEntry[] = [['packet id', String(packetId)], ...propertyFields(properties)];
      do {
        const topic = reader.utf8();
        const options = reader.u8();
        const extra = v5
          ? `${options & 4 ? ' no-local' : ''}${options & 8 ? ' retain-as-published' : ''} retain-handling=${(options >> 4) & 3}`
          : '';
        filters.push(`${topic} qos${options & 3}`);
        fields.push(['topic filter', `${topic} qos${options & 3}${extra}`]);
      } while (reader.remaining > 0);
      return { detail: `#${packetId} ${filters.join(', ')}`, fields };
    }
    case 9:
    case 11: {
      const packetId = reader.u16();
      const properties = props(reader, frame.version);
      const codes = Array.from(reader.rest());
      const named = codes.map((c) => (frame.type === 9 ? subackCode(c) : reasonName(c)));
      return {
        detail: `#${packetId}${named.length ? ' ' + named.join(', ') : ''}`,
        fields: [['packet id', String(packetId)], ...propertyFields(properties), ['reason codes', named.join(', ')]],
      };
    }
    case 10: {
      const packetId = reader.u16();
      const properties = props(reader, frame.version);
      const topics: string[] = [];
      do topics.push(reader.utf8());
      while (reader.remaining > 0);
      return {
        detail: `#${packetId} ${topics.join(', ')}`,
        fields: [
          ['packet id', String(packetId)],
          ...propertyFields(properties),
          ...topics.map((t) => ['topic filter', t] as const),
        ],
      };
    }
    case 12:
    case 13:
      return { detail: '', fields: [] };
    case 14:
    case 15: {
      const code = v5 && reader.remaining > 0 ? reader.u8() : 0;
      const properties = v5 && reader.remaining > 0 ? readProperties(reader) : [];
      const method = properties.find((p) => p.name === 'authenticationMethod')?.value;
      const detail = v5 ? `${reasonName(code)}${method ? ` method=${method}` : ''}` : '';
      return {
        detail,
        fields: [['reason code', v5 ? `${code} (${reasonName(code)})` : undefined], ...propertyFields(properties)],
      };
    }
    default:
      return { detail: '', fields: [] };
  }
}

function parseConnect(reader: MqttReader): ParsedPacket {
  const protocolName = reader.utf8();
  const level = reader.u8();
  const flags = reader.u8();
  const keepAlive = reader.u16();
  const v5 = level === 5;
  const properties = v5 ? readProperties(reader) : [];
  const clientId = reader.utf8();
  const fields: FieldEntry[] = [
    ['protocol', `${protocolName} level ${level}`],
    ['client id', clientId],
    ['clean start', String((flags & 2) === 2)],
    ['keep alive', `${keepAlive} s`],
    ...propertyFields(properties),
  ];
  let will = '';
  if (flags & 4) {
    const willProperties = v5 ? readProperties(reader) : [];
    will = reader.utf8();
    const willPayload = reader.binary();
    fields.push(
      ['will topic', will],
      ['will qos', String((flags >> 3) & 3)],
      ['will retain', String((flags & 32) === 32)],
      ['will payload', payloadValue(willPayload, false)],
      ...willProperties.map((p) => [`will ${p.name}`, p.value] as const),
    );
  }
  const username = flags & 128 ? reader.utf8() : undefined;
  if (flags & 64) fields.push(['password', `${reader.binary().length} bytes (hidden)`]);
  if (username !== undefined) fields.push(['user name', username]);
  const versionName = level === 5 ? 'v5' : level === 4 ? 'v3.1.1' : level === 3 ? 'v3.1' : `level ${level}`;
  const detail = [
    clientId || '(no client id)',
    versionName,
    flags & 2 ? 'clean' : '',
    `keepalive=${keepAlive}`,
    username ? `user=${username}` : '',
    will ? `will=${will}` : '',
  ];
  return { detail: detail.filter(Boolean).join(' '), fields };
}

function parsePublish(frame: PacketFrame, reader: MqttReader): ParsedPacket {
  const qos = (frame.flags >> 1) & 3;
  const topic = reader.utf8();
  const packetId = qos > 0 ? reader.u16() : undefined;
  const properties = props(reader, frame.version);
  const headerBytes = reader.offset;
  const payload = reader.rest();
  const size = sizeText(frame.payloadSize - headerBytes, frame.cut);
  const alias = properties.find((p) => p.name === 'topicAlias')?.value;
  const flagText = `${frame.flags & 1 ? ' retain' : ''}${frame.flags & 8 ? ' dup' : ''}`;
  const detail = `${topic || (alias ? `(alias ${alias})` : '(no topic)')} qos${qos}${flagText} (${size})`;
  const fields: FieldEntry[] = [
    ['topic', topic],
    ['qos', String(qos)],
    ['packet id', packetId === undefined ? undefined : String(packetId)],
    ['retain', String((frame.flags & 1) === 1)],
    ['dup', String((frame.flags & 8) === 8)],
    ['payload size', size],
    ...propertyFields(properties),
  ];
  return { detail, fields, body: payloadValue(payload, frame.cut) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A payload as JSON if it parses, as text if it is UTF-8, else as bytes. */
function payloadValue(payload: Uint8Array, cut: boolean): unknown {
  try {
    const text = utf8.decode(payload, { stream: cut });
    if (!cut && /^\s*[[{]/.test(text)) {
      const json = parseJson(text);
      if (json.ok) return json.value;
    }
    return text;
  } catch {
    return payload;
  }
}
