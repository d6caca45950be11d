import type { WirePayload } from '../protocol';
import { isRecord, parseJsonText, type Rec } from './guards';
import type { GraphqlSubprotocol } from './graphql-messages';
import type { FrameClass } from './types';

/**
 * The two GraphQL over WebSocket protocols differ mostly in names: graphql-transport-ws
 * (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md) and the legacy graphql-ws
 * (https://github.com/apollographql/subscriptions-transport-ws/blob/master/PROTOCOL.md).
 */
export const MESSAGE_NAMES: Record<GraphqlSubprotocol, { start: string; stop: string; result: string }> = {
  'graphql-transport-ws': { start: 'subscribe', stop: 'complete', result: 'next' },
  'graphql-ws': { start: 'start', stop: 'stop', result: 'data' },
};

/** graphql-transport-ws close codes (PROTOCOL.md and graphql-ws's CloseCode). */
export const CLOSE_CODES: Record<number, string> = {
  4400: 'Bad Request',
  4401: 'Unauthorized',
  4403: 'Forbidden',
  4406: 'Subprotocol not acceptable',
  4408: 'Connection initialisation timeout',
  4409: 'Subscriber already exists',
  4429: 'Too many initialisation requests',
  4499: 'Terminated',
  4500: 'Internal server error',
};

export function readMessage(payload: WirePayload): Rec | null {
  if (payload.kind !== 'text') return null;
  try {
    const value: unknown = JSON.parse(payload.text);
    return isRecord(value) && typeof value.type === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The messages of a GraphQL errors array (or of one error, or of a legacy error payload). */
export function errorMessages(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.slice(0, 20).map((e) => {
    if (isRecord(e) && typeof e.message === 'string') return e.message;
    return typeof e === 'string' ? e : JSON.stringify(e ?? null);
  });
}

const CLASSES: Record<string, FrameClass> = {
  connection_init: 'handshake',
  connection_ack: 'handshake',
  connection_error: 'error',
  connection_terminate: 'control',
  ping: 'heartbeat',
  pong: 'heartbeat',
  ka: 'heartbeat',
  subscribe: 'message',
  start: 'message',
  next: 'message',
  data: 'message',
  complete: 'message',
  stop: 'message',
  error: 'error',
};

export function classifyGraphql(payload: WirePayload): FrameClass {
  const message = readMessage(payload);
  return (message && CLASSES[message.type as string]) ?? 'unknown';
}

/** Why the options cannot make a connection_init, or null. */
export function graphqlOptionsProblem(options: { initPayloadJson: string }): string | null {
  const init = parseJsonText(options.initPayloadJson, 'The connection_init payload');
  if (!init.ok) return init.error;
  return init.empty || isRecord(init.value) ? null : 'The connection_init payload must be a JSON object';
}
