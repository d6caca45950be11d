import type { SessionStatusBase } from './types';
import { hasShape, isArrayOf, isBoolean, isInteger, isOneOf, isString, isStringPair, optional } from './guards';

export type MqttQos = 0 | 1 | 2;

/** MQTT 5 PUBLISH properties a person may set (§ 3.3.2.3). */
export interface MqttPublishProperties {
  readonly payloadFormatIndicator?: 0 | 1;
  readonly messageExpiryInterval?: number;
  readonly contentType?: string;
  readonly responseTopic?: string;
  /** Sent as the UTF-8 bytes of this text. */
  readonly correlationData?: string;
  readonly userProperties?: readonly (readonly [string, string])[];
}

export interface MqttOptions {
  readonly protocol: 'mqtt';
  readonly version: '3.1.1' | '5';
  /** '' lets the server assign one (MQTT 5; 3.1.1 servers accept it only with a clean session). */
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
  /** Seconds; 0 turns keepalive off (§ 3.1.2.10). */
  readonly keepaliveSeconds: number;
  /** Clean Session (3.1.1) / Clean Start (5). */
  readonly cleanStart: boolean;
  readonly will?: { readonly topic: string; readonly payload: string; readonly qos: MqttQos; readonly retain: boolean };
  /** MQTT 5 Session Expiry Interval, seconds. */
  readonly sessionExpirySeconds?: number;
  readonly handshakeTimeoutMs?: number;
}

export interface MqttSubscription {
  readonly filter: string;
  readonly qos: MqttQos;
  /** MQTT 5 subscription options (§ 3.8.3.1). */
  readonly noLocal?: boolean;
  readonly retainAsPublished?: boolean;
  readonly retainHandling?: 0 | 1 | 2;
}

export type MqttCommand =
  | { readonly protocol: 'mqtt'; readonly type: 'subscribe'; readonly subscriptions: readonly MqttSubscription[] }
  | { readonly protocol: 'mqtt'; readonly type: 'unsubscribe'; readonly filters: readonly string[] }
  | {
      readonly protocol: 'mqtt';
      readonly type: 'publish';
      readonly topic: string;
      readonly payload: string;
      /** 'base64': `payload` is bytes. */
      readonly payloadEncoding?: 'text' | 'base64';
      readonly qos: MqttQos;
      readonly retain: boolean;
      readonly properties?: MqttPublishProperties;
    }
  | { readonly protocol: 'mqtt'; readonly type: 'disconnect' };

export interface MqttMessage {
  readonly at: number;
  readonly topic: string;
  readonly qos: MqttQos;
  readonly retain: boolean;
  readonly dup: boolean;
  readonly packetId?: number;
  /** The payload as text when it is UTF-8, clipped; else `base64:…`, clipped. */
  readonly payloadText: string;
  readonly payloadBytes: number;
  readonly properties: readonly (readonly [string, string])[];
}

export interface MqttFilterState {
  readonly filter: string;
  readonly requestedQos: MqttQos;
  readonly state: 'pending' | 'granted' | 'refused' | 'unsubscribing';
  readonly grantedQos?: MqttQos;
  /** The SUBACK code's meaning, e.g. "Not authorized (0x87)". */
  readonly reason?: string;
}

export interface MqttPublishFlow {
  readonly packetId: number;
  readonly topic: string;
  readonly qos: 1 | 2;
  readonly sentAt: number;
  /** What the session waits for, or how the flow ended. */
  readonly stage: 'PUBACK' | 'PUBREC' | 'PUBCOMP' | 'completed' | 'refused' | 'closed';
  readonly reason?: string;
  readonly ms?: number;
}

export interface MqttStatus extends SessionStatusBase {
  readonly protocol: 'mqtt';
  readonly version: '3.1.1' | '5';
  readonly clientId: string;
  /** The CONNACK's code and meaning (null before it). */
  readonly connack: { readonly code: number; readonly reason: string; readonly sessionPresent: boolean } | null;
  /** Seconds in force: the server's Server Keep Alive (MQTT 5) wins over the option. */
  readonly keepaliveSeconds: number;
  readonly subscriptions: readonly MqttFilterState[];
  /** Outgoing QoS 1/2 publishes in flight, and the last that ended. */
  readonly publishes: readonly MqttPublishFlow[];
  /** Packet ids of incoming QoS 2 messages waiting for the server's PUBREL. */
  readonly awaitingRelease: readonly number[];
  readonly messages: readonly MqttMessage[];
}

const isQos = isOneOf(0, 1, 2);
const isU32 = (v: unknown): v is number => isInteger(v, 0, 0xffffffff);
const isProperties = (v: unknown) =>
  hasShape(v, {
    payloadFormatIndicator: optional(isOneOf(0, 1)),
    messageExpiryInterval: optional(isU32),
    contentType: optional(isString),
    responseTopic: optional(isString),
    correlationData: optional(isString),
    userProperties: optional(isArrayOf(isStringPair, 100)),
  });
const isSubscription = (v: unknown): v is MqttSubscription =>
  hasShape(v, {
    filter: isString,
    qos: isQos,
    noLocal: optional(isBoolean),
    retainAsPublished: optional(isBoolean),
    retainHandling: optional(isOneOf(0, 1, 2)),
  });

export const isMqttOptions = (x: unknown): x is MqttOptions =>
  hasShape(x, {
    protocol: isOneOf('mqtt'),
    version: isOneOf('3.1.1', '5'),
    clientId: isString,
    username: isString,
    password: isString,
    keepaliveSeconds: (v) => isInteger(v, 0, 65535),
    cleanStart: isBoolean,
    will: optional((v): v is MqttOptions['will'] =>
      hasShape(v, { topic: isString, payload: isString, qos: isQos, retain: isBoolean }),
    ),
    sessionExpirySeconds: optional(isU32),
    handshakeTimeoutMs: optional((v): v is number => isInteger(v, 1, 600_000)),
  });

export function isMqttCommand(x: unknown): x is MqttCommand {
  if (!hasShape(x, { protocol: isOneOf('mqtt'), type: isString })) return false;
  switch (x.type) {
    case 'subscribe':
      return hasShape(x, { subscriptions: isArrayOf(isSubscription, 100) });
    case 'unsubscribe':
      return hasShape(x, { filters: isArrayOf(isString, 100) });
    case 'publish':
      return hasShape(x, {
        topic: isString,
        payload: isString,
        payloadEncoding: optional(isOneOf('text', 'base64')),
        qos: isQos,
        retain: isBoolean,
        properties: optional((v): v is MqttPublishProperties => isProperties(v)),
      });
    case 'disconnect':
      return true;
    default:
      return false;
  }
}
