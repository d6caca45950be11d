import type { SessionStatusBase } from './types';
import { hasShape, isInteger, isOneOf, isString, optional } from './guards';

export type GraphqlSubprotocol = 'graphql-transport-ws' | 'graphql-ws';

export interface GraphqlOptions {
  readonly protocol: 'graphql';
  /** `graphql-transport-ws` (the graphql-ws library) or the legacy `graphql-ws` (subscriptions-transport-ws). */
  readonly subprotocol: GraphqlSubprotocol;
  /** connection_init payload as a JSON object ('' for none). */
  readonly initPayloadJson: string;
  /** graphql-transport-ws: the client pings this often and expects a pong as soon (absent = off). */
  readonly pingIntervalMs?: number;
  /** Legacy graphql-ws: once the server has sent `ka`, close after this long without one (default 30 s). */
  readonly keepAliveTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
}

export type GraphqlCommand =
  | {
      readonly protocol: 'graphql';
      /** Starts a query, mutation or subscription: `subscribe` (or legacy `start`). */
      readonly type: 'subscribe';
      /** Made up ('1', '2', …) when absent. */
      readonly id?: string;
      readonly query: string;
      /** JSON object ('' for none). */
      readonly variablesJson: string;
      readonly operationName?: string;
      /** JSON object ('' for none). */
      readonly extensionsJson?: string;
    }
  /** Stops an operation: `complete` (or legacy `stop`). */
  | { readonly protocol: 'graphql'; readonly type: 'complete'; readonly id: string }
  /** Ends the connection (legacy: connection_terminate first). */
  | { readonly protocol: 'graphql'; readonly type: 'disconnect' };

export interface GraphqlResult {
  readonly at: number;
  /** The result's `data` as JSON, clipped. */
  readonly dataText: string;
  /** The messages of the result's `errors`, if any. */
  readonly errors?: readonly string[];
}

export interface GraphqlOperation {
  readonly id: string;
  readonly kind: 'query' | 'mutation' | 'subscription';
  readonly name?: string;
  /** active: results may come; complete: the server (or the client) completed it; error: an `error` message ended it. */
  readonly state: 'active' | 'complete' | 'error' | 'closed';
  readonly startedAt: number;
  readonly results: readonly GraphqlResult[];
  readonly resultsDropped: number;
  /** The `error` message's GraphQL errors. */
  readonly errors?: readonly string[];
}

export interface GraphqlStatus extends SessionStatusBase {
  readonly protocol: 'graphql';
  readonly subprotocol: GraphqlSubprotocol;
  /** connection_ack's payload as JSON ('' when none), null before it. */
  readonly ackPayloadText: string | null;
  /** Newest last; results grouped by operation id. */
  readonly operations: readonly GraphqlOperation[];
}

const isMs = (v: unknown): v is number => isInteger(v, 1, 600_000);

export const isGraphqlOptions = (x: unknown): x is GraphqlOptions =>
  hasShape(x, {
    protocol: isOneOf('graphql'),
    subprotocol: isOneOf('graphql-transport-ws', 'graphql-ws'),
    initPayloadJson: isString,
    pingIntervalMs: optional(isMs),
    keepAliveTimeoutMs: optional(isMs),
    handshakeTimeoutMs: optional(isMs),
  });

export function isGraphqlCommand(x: unknown): x is GraphqlCommand {
  if (!hasShape(x, { protocol: isOneOf('graphql'), type: isString })) return false;
  switch (x.type) {
    case 'subscribe':
      return hasShape(x, {
        id: optional(isString),
        query: isString,
        variablesJson: isString,
        operationName: optional(isString),
        extensionsJson: optional(isString),
      });
    case 'complete':
      return hasShape(x, { id: isString });
    case 'disconnect':
      return true;
    default:
      return false;
  }
}
