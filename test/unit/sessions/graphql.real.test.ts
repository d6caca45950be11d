import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphqlServer, type ProtocolServer } from '../../../server/protocol-servers.mjs';
import type { GraphqlSubprotocol } from '../../../src/sessions/graphql-messages';
import { createGraphqlSession } from '../../../src/sessions/graphql-session';
import { bridge, until } from './ws-bridge';

/** Against graphql-ws's server (graphql-transport-ws) and subscriptions-transport-ws's (legacy graphql-ws). */
describe.each(['graphql-transport-ws', 'graphql-ws'] as GraphqlSubprotocol[])(
  'GraphQL session over %s',
  (subprotocol) => {
    let server: ProtocolServer;
    beforeAll(async () => {
      server = await startGraphqlServer({ protocol: subprotocol, keepAlive: 100 });
    });
    afterAll(() => server.close());

    const connect = () =>
      bridge(server.url, [subprotocol], (deps) =>
        createGraphqlSession(
          { protocol: 'graphql', subprotocol, initPayloadJson: '{"token":"t"}', pingIntervalMs: 200 },
          deps,
        ),
      );

    it('a subscription delivers 3 results then completes; a query errors; a query answers', async () => {
      const b = connect();
      await until(() => b.session.status().phase === 'ready', 3000, 'connection_ack');
      const subscribe = (id: string, query: string, variablesJson = '') =>
        expect(b.session.run({ protocol: 'graphql', type: 'subscribe', id, query, variablesJson })).toEqual({
          ok: true,
        });
      subscribe('count', 'subscription Count($to: Int!) { count(to: $to) }', '{"to": 3}');
      subscribe('boom', 'query { boom }');
      subscribe('hello', 'query Hello($name: String) { hello(name: $name) }', '{"name": "sessions"}');
      subscribe('invalid', '{ nope }');
      const operation = (id: string) => b.session.status().operations.find((o) => o.id === id);
      await until(() => b.session.status().operations.every((o) => o.state !== 'active'), 3000, 'operations done');
      expect(operation('count')).toMatchObject({ state: 'complete', kind: 'subscription', name: 'Count' });
      expect(operation('count')?.results.map((r) => r.dataText)).toEqual(['{"count":1}', '{"count":2}', '{"count":3}']);
      expect(operation('boom')?.results[0]?.errors).toEqual(['boom failed']);
      expect(operation('hello')?.results[0]?.dataText).toBe('{"hello":"hello sessions"}');
      // A document that does not validate: graphql-ws answers `error`; the legacy server a data with errors.
      const invalid = operation('invalid');
      const invalidErrors = invalid?.errors ?? invalid?.results[0]?.errors;
      expect(invalidErrors).toEqual(['Cannot query field "nope" on type "Query".']);
      b.close();
      await b.closed;
    });

    it('keeps the connection alive: ping/pong (graphql-transport-ws) or ka (legacy)', async () => {
      const b = connect();
      await until(() => b.session.status().heartbeats.received >= 3, 3000, 'three heartbeats');
      expect(b.session.status()).toMatchObject({ phase: 'ready', error: null });
      b.close();
      await b.closed;
    });
  },
);
