import { bytesToBase64 } from '../bytes';
import { MqttReadError, type MqttReader } from './mqtt-reader';

type PropertyType = 'byte' | 'u16' | 'u32' | 'varint' | 'utf8' | 'binary' | 'pair';

/** MQTT 5.0 § 2.2.2.2 property identifiers. */
const PROPERTIES: Record<number, readonly [string, PropertyType]> = {
  0x01: ['payloadFormatIndicator', 'byte'],
  0x02: ['messageExpiryInterval', 'u32'],
  0x03: ['contentType', 'utf8'],
  0x08: ['responseTopic', 'utf8'],
  0x09: ['correlationData', 'binary'],
  0x0b: ['subscriptionIdentifier', 'varint'],
  0x11: ['sessionExpiryInterval', 'u32'],
  0x12: ['assignedClientIdentifier', 'utf8'],
  0x13: ['serverKeepAlive', 'u16'],
  0x15: ['authenticationMethod', 'utf8'],
  0x16: ['authenticationData', 'binary'],
  0x17: ['requestProblemInformation', 'byte'],
  0x18: ['willDelayInterval', 'u32'],
  0x19: ['requestResponseInformation', 'byte'],
  0x1a: ['responseInformation', 'utf8'],
  0x1c: ['serverReference', 'utf8'],
  0x1f: ['reasonString', 'utf8'],
  0x21: ['receiveMaximum', 'u16'],
  0x22: ['topicAliasMaximum', 'u16'],
  0x23: ['topicAlias', 'u16'],
  0x24: ['maximumQoS', 'byte'],
  0x25: ['retainAvailable', 'byte'],
  0x26: ['userProperty', 'pair'],
  0x27: ['maximumPacketSize', 'u32'],
  0x28: ['wildcardSubscriptionAvailable', 'byte'],
  0x29: ['subscriptionIdentifierAvailable', 'byte'],
  0x2a: ['sharedSubscriptionAvailable', 'byte'],
};

export interface MqttProperty {
  readonly name: string;
  /** Numbers as decimal, binary data as `base64:…`, user properties as `key=value`. */
  readonly value: string;
}

/** Reads a property list: its length (a varint) and that many bytes of properties. */
export function readProperties(reader: MqttReader): MqttProperty[] {
  const length = reader.varint();
  const end = reader.offset + length;
  if (length > reader.remaining) throw new MqttReadError(`properties length ${length} runs past the packet`);
  const properties: MqttProperty[] = [];
  while (reader.offset < end) {
    const id = reader.varint();
    const definition = PROPERTIES[id];
    if (!definition) throw new MqttReadError(`unknown property id 0x${id.toString(16)}`);
    const [name, type] = definition;
    properties.push({ name, value: readValue(reader, type) });
  }
  if (reader.offset !== end) throw new MqttReadError('properties overrun their declared length');
  return properties;
}

function readValue(reader: MqttReader, type: PropertyType): string {
  switch (type) {
    case 'byte':
      return String(reader.u8());
    case 'u16':
      return String(reader.u16());
    case 'u32':
      return String(reader.u32());
    case 'varint':
      return String(reader.varint());
    case 'utf8':
      return reader.utf8();
    case 'binary':
      return `base64:${bytesToBase64(reader.binary())}`;
    case 'pair':
      return `${reader.utf8()}=${reader.utf8()}`;
  }
}
