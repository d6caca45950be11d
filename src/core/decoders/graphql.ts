import type { WirePayload } from '../../protocol';
import { findOperation } from './graphql-operation';
import { readJson } from './input';
import { brief, failure, fieldList, neverThrows, oneLine } from './result';
import type { Correlation, DecodeContext, DecodeResult } from './types';

/** graphql-transport-ws (the graphql-ws library) message types. */
const TRANSPORT_WS = new Set([
  'connection_init',
  'connection_ack',
  'ping',
  'pong',
  'subscribe',
  'next',
  'error',
  'complete',
]);
/** Legacy graphql-ws (subscriptions-transport-ws) message types. */
const LEGACY = new Set([
  'connection_init',
  'connection_ack',
  'connection_error',
  'ka',
  'connection_terminate',
  'start',
  'data',
  'error',
  'complete',
  'stop',
]);
const LEGACY_ONLY = ['connection_error', 'ka', 'connection_terminate', 'start', 'data', 'stop'];

export function graphqlFlavour(context: DecodeContext, type: string): 'graphql-transport-ws' | 'graphql-ws' {
  if (context.protocol === 'graphql-transport-ws') return 'graphql-transport-ws';
  if (context.protocol === 'graphql-ws') return 'graphql-ws';
  return LEGACY_ONLY.includes(type) ? 'graphql-ws' : 'graphql-transport-ws';
}

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** GraphQL over WebSocket: graphql-transport-ws and the legacy graphql-ws protocol. */
export const decodeGraphQL = neverThrows('graphql', (payload: WirePayload, context: DecodeContext): DecodeResult => {
  const json = readJson(payload, context);
  if (!json.ok) return failure('graphql', json.error, payload);
  const message = json.value.value;
  if (!isRecord(message) || typeof message.type !== 'string')
    return failure('graphql', 'not a GraphQL over WebSocket message (no "type")', payload);
  const type = message.type;
  const flavour = graphqlFlavour(context, type);
  if (!(flavour === 'graphql-ws' ? LEGACY : TRANSPORT_WS).has(type))
    return failure('graphql', `unknown ${flavour} message type "${type.slice(0, 40)}"`, payload);
  const id = typeof message.id === 'string' || typeof message.id === 'number' ? String(message.id) : undefined;
  const body = message.payload;
  const isStart = type === 'subscribe' || type === 'start';
  const operationPayload = isStart && isRecord(body) ? body : undefined;
  const query = typeof operationPayload?.query === 'string' ? operationPayload.query : undefined;
  const parsedOperation = query === undefined ? undefined : findOperation(query);
  const operationName =
    typeof operationPayload?.operationName === 'string' && operationPayload.operationName
      ? operationPayload.operationName
      : parsedOperation?.name;
  let detail: string;
  if (isStart) detail = operationName ?? `anonymous ${parsedOperation?.kind ?? 'operation'}`;
  else if (type === 'error' || type === 'connection_error') detail = errorText(body);
  else detail = body === undefined || body === null ? '' : brief(body);
  const summary = [type, id === undefined ? '' : `#${id}`, detail].filter(Boolean).join(' ');
  const fields = fieldList([
    ['protocol', flavour],
    ['type', type],
    ['id', id],
    ['operation', operationName],
    ['operation type', parsedOperation?.kind],
    ['variables', operationPayload?.variables],
    ['extensions', operationPayload?.extensions],
  ]);
  const correlation = id === undefined ? undefined : correlate(type, id, context, operationName);
  return {
    decoder: 'graphql',
    type,
    summary: oneLine(summary),
    fields,
    ...(body === undefined ? {} : { body }),
    ...(correlation ? { correlation } : {}),
    ...(json.value.truncated ? { truncated: true } : {}),
  };
});

function correlate(
  type: string,
  id: string,
  context: DecodeContext,
  operation: string | undefined,
): Correlation | undefined {
  const base = { scope: 'graphql' as const, id };
  switch (type) {
    case 'subscribe':
    case 'start':
      return { ...base, role: 'request', final: false, ...(operation ? { operation } : {}) };
    case 'next':
    case 'data':
      return { ...base, role: 'reply', final: false };
    case 'error':
      return { ...base, role: 'reply', final: true };
    case 'stop':
      return { ...base, role: 'cancel', final: true };
    case 'complete':
      // The client completes to unsubscribe; the server completes when the operation is done.
      return { ...base, role: context.direction === 'out' ? 'cancel' : 'reply', final: true };
    default:
      return undefined;
  }
}

function errorText(body: unknown): string {
  const first: unknown = Array.isArray(body)
    ? body[0]
    : isRecord(body) && Array.isArray(body.errors)
      ? body.errors[0]
      : body;
  if (isRecord(first) && typeof first.message === 'string') return first.message;
  return brief(body);
}
