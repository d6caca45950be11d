import { describe, expect, it } from 'vitest';
import {
  chooseDecoder,
  decodeActionCable,
  decodeGraphQL,
  decodeJsonRpc,
  decodePhoenix,
  decodeSignalR,
  type Decode,
  type DecoderId,
} from '../../../../src/core/decoders';
import { binary, contextOf, frame, loadFixture, text, type Fixture } from './fixtures';

const cases: readonly (readonly [string, Fixture, DecoderId, Decode])[] = [
  ['graphql-ws (graphql-transport-ws)', loadFixture('graphql-transport-ws'), 'graphql', decodeGraphQL],
  ['subscriptions-transport-ws (legacy graphql-ws)', loadFixture('graphql-ws-legacy'), 'graphql', decodeGraphQL],
  ['@microsoft/signalr', loadFixture('signalr'), 'signalr', decodeSignalR],
  ['json-rpc-2.0', loadFixture('json-rpc'), 'json-rpc', decodeJsonRpc],
  ['phoenix', loadFixture('phoenix'), 'phoenix', decodePhoenix],
  ['@rails/actioncable', loadFixture('action-cable'), 'action-cable', decodeActionCable],
];

describe.each(cases)('frames from %s', (_library, fixture, id, decode) => {
  it.each(fixture.frames.map((f) => [f.name, f] as const))('%s: chosen and decoded', (name, f) => {
    expect(chooseDecoder(contextOf(f), f.payload).id).toBe(id);
    const result = decode(f.payload, contextOf(f));
    expect(result.decoder).toBe(id);
    if (name !== 'signalr handshake error') expect(result.error).toBeUndefined();
  });

  it('is recognised from content alone (no URL, no subprotocol)', () => {
    for (const f of fixture.frames) {
      if (f.payload.kind === 'binary') continue; // binary Phoenix frames need the URL
      // {"type":"ping"} alone is too common to claim for GraphQL without the subprotocol.
      const ambiguous = /graphql-transport-ws (ping|pong)$/.test(f.name);
      expect(chooseDecoder({ direction: f.direction }, f.payload).id, f.name).toBe(ambiguous ? 'json' : id);
    }
  });
});

describe('GraphQL over WebSocket', () => {
  const fixtures = { modern: loadFixture('graphql-transport-ws'), legacy: loadFixture('graphql-ws-legacy') };
  it.each([
    ['modern', 'graphql-transport-ws out subscribe #1', 'subscribe #00000000-0000-4000-8000-000000000001 OnPrice'],
    [
      'modern',
      'graphql-transport-ws out subscribe #4',
      'subscribe #00000000-0000-4000-8000-000000000004 anonymous query',
    ],
    ['modern', 'graphql-transport-ws in next #1', 'next #00000000-0000-4000-8000-000000000001 {"data":{"price":12.5}}'],
    [
      'modern',
      'graphql-transport-ws in error #5',
      'error #00000000-0000-4000-8000-000000000005 Cannot query field "nope" on type "Query".',
    ],
    ['legacy', 'graphql-ws legacy out start #1', 'start #1 Greeting'],
    ['legacy', 'graphql-ws legacy out stop #3', 'stop #3'],
    ['legacy', 'graphql-ws legacy out connection_init', 'connection_init {"authToken":"t0k3n"}'],
  ] as const)('%s: %s → %s', (which, name, summary) => {
    const f = frame(fixtures[which], name);
    expect(decodeGraphQL(f.payload, contextOf(f)).summary).toBe(summary);
  });

  it('reads the operation from the query when operationName is absent', () => {
    const result = decodeGraphQL(
      text(
        '{"id":"1","type":"subscribe","payload":{"query":"# c\\nfragment F on T { a } subscription OnTick($x: Int) { tick }"}}',
      ),
      {},
    );
    expect(result.summary).toBe('subscribe #1 OnTick');
    expect(result.fields).toContainEqual({ name: 'operation type', value: 'subscription' });
  });

  it('marks the client complete as a cancel and the server complete as the final reply', () => {
    const complete = text('{"id":"1","type":"complete"}');
    expect(decodeGraphQL(complete, { direction: 'out' }).correlation).toMatchObject({ role: 'cancel', final: true });
    expect(decodeGraphQL(complete, { direction: 'in' }).correlation).toMatchObject({ role: 'reply', final: true });
  });

  it.each([
    ['{"type":"bogus"}', 'unknown graphql-transport-ws message type "bogus"'],
    ['{"id":1}', 'no "type"'],
    ['[1]', 'no "type"'],
    ['nope', 'invalid JSON'],
    ['', 'empty'],
  ])('malformed %j → %s', (input, error) => {
    expect(decodeGraphQL(text(input), {}).error).toContain(error);
  });
});

describe('SignalR', () => {
  it.each([
    ['{"type":1,"target":"x","arguments":[]}', 'no 0x1E record separator'],
    ['{"type":1,"target":"x","arguments":[]}\x1e{"type":6}', 'last record does not end with 0x1E'],
    ['{"type":42}\x1e', 'unknown message type 42'],
    ['[]\x1e', 'record is not a JSON object'],
    ['{"x":1}\x1e', 'record has no message type'],
    ['{\x1e', 'record is invalid JSON'],
  ])('malformed %j → %s', (input, error) => {
    expect(decodeSignalR(text(input), {}).error).toContain(error);
  });

  it('splits records and pairs invocations with completions', () => {
    const stream = decodeSignalR(
      text('{"type":2,"invocationId":"1","item":1}\x1e{"type":3,"invocationId":"1"}\x1e'),
      {},
    );
    expect(stream.parts?.map((p) => p.correlation?.role)).toEqual(['reply', 'reply']);
    expect(stream.summary).toBe('StreamItem #1 1 | Completion #1 (void)');
  });
});

describe('JSON-RPC 2.0', () => {
  it.each([
    ['{"jsonrpc":"2.0","id":1,"method":"subtract","params":[42,23]}', 'request #1 subtract [42,23]'],
    ['{"jsonrpc":"2.0","method":"update","params":[1,2]}', 'notification update [1,2]'],
    ['{"jsonrpc":"2.0","id":"a","result":{"ok":true}}', 'result #a {"ok":true}'],
    ['{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}', 'error #null -32700 Parse error'],
  ])('%s → %s', (input, summary) => {
    expect(decodeJsonRpc(text(input), {}).summary).toBe(summary);
  });

  it.each([
    ['[]', 'empty batch'],
    ['{"id":1,"method":"x"}', 'missing "jsonrpc": "2.0"'],
    ['{"jsonrpc":"2.0","id":{},"method":"x"}', 'id must be a string, number or null'],
    ['{"jsonrpc":"2.0","id":1}', 'neither method, result nor error'],
    ['{"jsonrpc":"2.0","result":1}', 'response without id'],
    ['3', 'not a JSON-RPC object'],
  ])('malformed %j → %s', (input, error) => {
    expect(decodeJsonRpc(text(input), {}).error).toContain(error);
  });

  it('decodes each message of a batch', () => {
    const batch = decodeJsonRpc(text('[{"jsonrpc":"2.0","id":1,"method":"a"},{"bad":true}]'), {});
    expect(batch.parts?.[0]?.summary).toBe('request #1 a');
    expect(batch.parts?.[1]?.error).toContain('jsonrpc');
  });
});

describe('Phoenix channels', () => {
  const fixture = loadFixture('phoenix');
  it.each([
    ['phoenix v2 live 0', 'phx_join room:lobby #3 {"user":"ada"}'],
    ['phoenix v2 live 6', 'phx_reply room:lobby #5 error {"reason":"unauthorized"}'],
    ['phoenix v2 live 7', 'upload room:lobby #6 <4 bytes>'],
    ['phoenix v1 live 2', 'new_msg room:lobby {"body":"welcome!","user":"server"}'],
    ['phoenix v2 binary reply', 'phx_reply room:lobby #2 ok <2 bytes>'],
    ['phoenix v2 binary broadcast', 'blob room:lobby <3 bytes>'],
  ])('%s → %s', (name, summary) => {
    const f = frame(fixture, name);
    expect(decodePhoenix(f.payload, contextOf(f)).summary).toBe(summary);
  });

  it.each([
    [text('[1,2,3]'), 'not a V2 message'],
    [text('{"topic":1}'), 'not a V1 message'],
    [text('"x"'), 'not a Phoenix message'],
    [binary([7]), 'unknown binary message kind 7'],
    [binary([0, 5, 5, 5]), 'binary header ends early'],
    [binary([2, 10, 4, 0x61]), 'binary header ends early'],
  ])('malformed %# → %s', (payload, error) => {
    expect(decodePhoenix(payload, {}).error).toContain(error);
  });
});

describe('Action Cable', () => {
  const fixture = loadFixture('action-cable');
  it.each([
    ['actioncable live 0', 'welcome'],
    ['actioncable live 2', 'subscribe ChatChannel {"room":"lobby"}'],
    ['actioncable live 3', 'confirm_subscription ChatChannel {"room":"lobby"}'],
    ['actioncable live 4', 'message speak ChatChannel {"room":"lobby"} {"message":"hello","action":"speak"}'],
    ['actioncable server message', 'message ChatChannel {"room":"lobby"} {"body":"hello","user":"ada"}'],
    ['actioncable server disconnect', 'disconnect unauthorized (no reconnect)'],
  ])('%s → %s', (name, summary) => {
    const f = frame(fixture, name);
    expect(decodeActionCable(f.payload, contextOf(f)).summary).toBe(summary);
  });

  it.each([
    ['{"command":"explode","identifier":"{}"}', 'unknown command "explode"'],
    ['{"type":"party"}', 'unknown message type "party"'],
    ['{"hello":1}', 'neither a command, a type nor a channel message'],
    ['[]', 'not an Action Cable message'],
  ])('malformed %j → %s', (input, error) => {
    expect(decodeActionCable(text(input), {}).error).toContain(error);
  });
});
