import { base64ToBytes, utf8Encode } from '../core/bytes';
import type { MqttCommand, MqttOptions } from './mqtt-messages';
import { topicFilterProblem, topicNameProblem } from './mqtt-topics';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** What the server said it allows, from its CONNACK properties (MQTT 5 § 3.2.2.3). */
export interface ServerLimits {
  maximumQos: number;
  retainAvailable: boolean;
  receiveMaximum: number;
  maximumPacketSize: number;
}

export const NO_LIMITS: ServerLimits = {
  maximumQos: 2,
  retainAvailable: true,
  receiveMaximum: 65535,
  maximumPacketSize: 268_435_455,
};

/** Why the options cannot make a CONNECT, or null. */
export function mqttOptionsProblem(o: MqttOptions): string | null {
  if (utf8Encode(o.clientId).length > 65535) return 'The client id is at most 65535 bytes';
  if (o.will) return topicNameProblem(o.will.topic);
  return null;
}

/** Why a command cannot be sent (nothing is sent then), or the payload bytes of a publish. */
export function checkMqttCommand(
  command: MqttCommand,
  version: MqttOptions['version'],
  limits: ServerLimits,
): { ok: true; payload?: Uint8Array } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  switch (command.type) {
    case 'subscribe': {
      if (command.subscriptions.length === 0) return fail('Subscribe to at least one topic filter');
      for (const s of command.subscriptions) {
        const problem = topicFilterProblem(s.filter);
        if (problem) return fail(problem);
        // § 3.8.3.1: No Local on a shared subscription is a Protocol Error.
        if (s.noLocal && s.filter.startsWith('$share/')) return fail('No Local cannot be set on a shared subscription');
        if (version !== '5' && (s.noLocal || s.retainAsPublished || s.retainHandling))
          return fail('No Local, Retain As Published and Retain Handling are MQTT 5 options');
      }
      return { ok: true };
    }
    case 'unsubscribe': {
      if (command.filters.length === 0) return fail('Unsubscribe from at least one topic filter');
      for (const filter of command.filters) {
        const problem = topicFilterProblem(filter);
        if (problem) return fail(problem);
      }
      return { ok: true };
    }
    case 'publish': {
      const problem = topicNameProblem(command.topic);
      if (problem) return fail(problem);
      if (command.qos > limits.maximumQos) return fail(`The server accepts QoS ${limits.maximumQos} at most`);
      if (command.retain && !limits.retainAvailable) return fail('The server does not support retained messages');
      const props = command.properties;
      if (version !== '5' && props && Object.values(props).some((v) => v !== undefined))
        return fail('Publish properties are MQTT 5 only');
      if (props?.userProperties?.some(([k]) => k === '')) return fail('A user property needs a name');
      if (props?.responseTopic !== undefined) {
        const responseProblem = topicNameProblem(props.responseTopic);
        if (responseProblem) return fail(`Response topic: ${responseProblem}`);
      }
      if (command.payloadEncoding === 'base64' && !BASE64.test(command.payload))
        return fail('The payload is not base64');
      const payload =
        command.payloadEncoding === 'base64' ? base64ToBytes(command.payload) : utf8Encode(command.payload);
      if (payload.length + command.topic.length + 16 > limits.maximumPacketSize)
        return fail(`The server accepts packets of ${limits.maximumPacketSize} bytes at most`);
      return { ok: true, payload };
    }
    case 'disconnect':
      return { ok: true };
  }
}
