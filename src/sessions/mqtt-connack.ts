import { CONNACK_V3, reasonName } from '../core/decoders/mqtt-codes';
import type { MqttProperty } from '../core/decoders/mqtt-properties';
import { NO_LIMITS, type ServerLimits } from './mqtt-commands';

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;
const prop = (list: readonly MqttProperty[], name: string) => list.find((p) => p.name === name)?.value;

export type ConnackReading =
  | { readonly refused: true; readonly reason: string; readonly error: string }
  | {
      readonly refused: false;
      readonly reason: string;
      readonly limits: ServerLimits;
      readonly clientId?: string;
      readonly keepaliveSeconds?: number;
    };

/** What a CONNACK says: refused and why, or the server's limits (§ 3.2.2.3). */
export function readConnack(v5: boolean, code: number, properties: readonly MqttProperty[]): ConnackReading {
  // A 3.1.1 server answers an MQTT 5 CONNECT with its own code 1 (unacceptable protocol version);
  // MQTT 5 CONNACK codes are 0 or from 0x80 (§ 3.2.2.2), so a low code reads as a 3.1.1 answer.
  const v5Code = v5 && (code === 0 || code >= 0x80);
  const reason = v5Code ? reasonName(code) : (CONNACK_V3[code] ?? `return code ${code}`);
  if (code !== 0) {
    const reasonString = prop(properties, 'reasonString');
    return {
      refused: true,
      reason,
      error: `CONNACK ${reason} (${hex(code)})${reasonString ? `: ${reasonString}` : ''}`,
    };
  }
  const clientId = prop(properties, 'assignedClientIdentifier');
  // § 3.2.2.3.14: a Server Keep Alive replaces the client's.
  const serverKeepAlive = prop(properties, 'serverKeepAlive');
  const limits: ServerLimits = {
    maximumQos: Number(prop(properties, 'maximumQoS') ?? 2),
    retainAvailable: prop(properties, 'retainAvailable') !== '0',
    receiveMaximum: Number(prop(properties, 'receiveMaximum') ?? NO_LIMITS.receiveMaximum),
    maximumPacketSize: Number(prop(properties, 'maximumPacketSize') ?? NO_LIMITS.maximumPacketSize),
  };
  return {
    refused: false,
    reason,
    limits,
    ...(clientId === undefined ? {} : { clientId }),
    ...(serverKeepAlive === undefined ? {} : { keepaliveSeconds: Number(serverKeepAlive) }),
  };
}
