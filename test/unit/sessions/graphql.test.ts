import { describe, expect, it } from 'vitest';
import {
  isGraphqlCommand,
  isGraphqlOptions,
  type GraphqlCommand,
  type GraphqlOptions,
} from '../../../src/sessions/graphql-messages';
import { createGraphqlSession } from '../../../src/sessions/graphql-session';
import { binary, createManualTimers, createMemoryTransport, mutations, randomBytes, text } from './harness';

const json = (value: unknown) => text(JSON.stringify(value));

function setup(overrides: Partial<GraphqlOptions> = {}) {
  const transport = createMemoryTransport();
  const timers = createManualTimers();
  const options: GraphqlOptions = {
    protocol: 'graphql',
    subprotocol: 'graphql-transport-ws',
    initPayloadJson: '',
    ...overrides,
  };
  const session = createGraphqlSession(options, { transport, timers });
  const sent = () => transport.take().map((p) => (p.kind === 'text' ? (JSON.parse(p.text) as unknown) : p));
  return { session, transport, timers, sent };
}
function connected(overrides: Partial<GraphqlOptions> = {}) {
  const s = setup(overrides);
  s.session.opened();
  s.session.received(json({ type: 'connection_ack' }));
  s.transport.take();
  return s;
}
type Unlabelled<T> = T extends unknown ? Omit<T, 'protocol'> : never;
const run = (session: ReturnType<typeof setup>['session'], command: Unlabelled<GraphqlCommand>) =>
  session.run({ protocol: 'graphql', ...command });

describe('GraphQL session: connection', () => {
  it('sends connection_init with its payload and is ready on connection_ack', () => {
    const { session, sent } = setup({ initPayloadJson: '{"token":"t"}' });
    session.opened();
    expect(sent()).toEqual([{ type: 'connection_init', payload: { token: 't' } }]);
    session.received(json({ type: 'connection_ack', payload: { v: 1 } }));
    expect(session.status()).toMatchObject({ phase: 'ready', ackPayloadText: '{"v":1}' });
  });

  it('a bad connection_init payload sends nothing', () => {
    for (const initPayloadJson of ['{', '[1]']) {
      const { session, transport } = setup({ initPayloadJson });
      session.opened();
      expect(transport.sent).toEqual([]);
      expect(session.status().error).toMatch(/connection_init payload/);
    }
  });

  it('times out without connection_ack; a close code reads as its meaning', () => {
    const { session, timers, transport } = setup({ handshakeTimeoutMs: 100 });
    session.opened();
    timers.advance(100);
    expect(transport.closedWith).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    const forbidden = setup();
    forbidden.session.opened();
    forbidden.session.closed(4403, 'Forbidden');
    expect(forbidden.session.status().error).toBe('closed 4403 Forbidden');
    const other = setup();
    other.session.opened();
    other.session.closed(4400, 'Invalid message received');
    expect(other.session.status().error).toBe('closed 4400 Bad Request: Invalid message received');
  });

  it('legacy: connection_error refuses the connection in the server words', () => {
    const { session } = setup({ subprotocol: 'graphql-ws' });
    session.opened();
    session.received(json({ type: 'connection_error', payload: { message: 'bad token' } }));
    expect(session.status()).toMatchObject({ phase: 'failed', error: 'connection_error: bad token' });
  });
});

describe('GraphQL session: keepalive', () => {
  it('answers server pings with pongs (payload echoed), and pings when asked to', () => {
    const { session, sent, timers, transport } = connected({ pingIntervalMs: 1000 });
    session.received(json({ type: 'ping', payload: { n: 1 } }));
    expect(sent()).toEqual([{ type: 'pong', payload: { n: 1 } }]);
    timers.advance(1000);
    expect(sent()).toEqual([{ type: 'ping' }]);
    session.received(json({ type: 'pong' }));
    timers.advance(1000);
    expect(sent()).toEqual([{ type: 'ping' }]);
    timers.advance(1000);
    expect(session.status().error).toBe('no pong within 1000 ms');
    expect(transport.closedWith?.code).toBe(4499);
    expect(session.status().heartbeats).toEqual({ sent: 3, received: 2 });
  });

  it('legacy: counts ka and gives up after the timeout without one', () => {
    const { session, timers } = connected({ subprotocol: 'graphql-ws', keepAliveTimeoutMs: 500 });
    session.received(json({ type: 'ka' }));
    timers.advance(400);
    session.received(json({ type: 'ka' }));
    timers.advance(499);
    expect(session.status().phase).toBe('ready');
    timers.advance(1);
    expect(session.status().error).toBe('no ka from the server for 500 ms');
    expect(session.status().heartbeats.received).toBe(2);
  });

  it('classifies messages', () => {
    const { session } = setup();
    expect(session.classify(json({ type: 'ping' }), 'in')).toBe('heartbeat');
    expect(session.classify(json({ type: 'ka' }), 'in')).toBe('heartbeat');
    expect(session.classify(json({ type: 'connection_init' }), 'out')).toBe('handshake');
    expect(session.classify(json({ type: 'next', id: '1', payload: {} }), 'in')).toBe('message');
    expect(session.classify(json({ type: 'error', id: '1', payload: [] }), 'in')).toBe('error');
    expect(session.classify(text('nope'), 'in')).toBe('unknown');
    expect(session.classify(json({ type: 'other' }), 'in')).toBe('unknown');
  });
});

describe('GraphQL session: operations', () => {
  it('subscribes, groups results by operation, completes; a query error is kept with it', () => {
    const { session, sent } = connected();
    expect(
      run(session, { type: 'subscribe', query: 'subscription Ticks { count(to: 3) }', variablesJson: '' }),
    ).toEqual({ ok: true });
    expect(
      run(session, {
        type: 'subscribe',
        query: 'query($n: String) { hello(name: $n) }',
        variablesJson: '{"n":"x"}',
        operationName: '',
      }),
    ).toEqual({ ok: true });
    expect(sent()).toEqual([
      { id: '1', type: 'subscribe', payload: { query: 'subscription Ticks { count(to: 3) }' } },
      {
        id: '2',
        type: 'subscribe',
        payload: { query: 'query($n: String) { hello(name: $n) }', variables: { n: 'x' } },
      },
    ]);
    for (let i = 1; i <= 3; i++) session.received(json({ id: '1', type: 'next', payload: { data: { count: i } } }));
    session.received(json({ id: '1', type: 'complete' }));
    session.received(
      json({ id: '2', type: 'next', payload: { data: { hello: null }, errors: [{ message: 'boom' }] } }),
    );
    session.received(json({ id: '2', type: 'complete' }));
    const [ticks, hello] = session.status().operations;
    expect(ticks).toMatchObject({ id: '1', kind: 'subscription', name: 'Ticks', state: 'complete' });
    expect(ticks?.results.map((r) => r.dataText)).toEqual(['{"count":1}', '{"count":2}', '{"count":3}']);
    expect(hello).toMatchObject({
      id: '2',
      kind: 'query',
      state: 'complete',
      results: [{ dataText: '{"hello":null}', errors: ['boom'] }],
    });
  });

  it('an error message ends its operation with the GraphQL errors', () => {
    const { session } = connected();
    run(session, { type: 'subscribe', id: 'q', query: '{ nope }', variablesJson: '' });
    session.received(
      json({ id: 'q', type: 'error', payload: [{ message: 'Cannot query field "nope" on type "Query".' }] }),
    );
    expect(session.status().operations[0]).toMatchObject({
      state: 'error',
      errors: ['Cannot query field "nope" on type "Query".'],
    });
    expect(session.status().error).toBe('error #q: Cannot query field "nope" on type "Query".');
  });

  it('the client completes an operation (legacy: stop), and ids free up for reuse', () => {
    const { session, sent } = connected({ subprotocol: 'graphql-ws' });
    run(session, { type: 'subscribe', id: 's', query: 'subscription { count(to: 9) }', variablesJson: '' });
    session.received(json({ id: 's', type: 'data', payload: { data: { count: 1 } } }));
    expect(run(session, { type: 'complete', id: 's' })).toEqual({ ok: true });
    expect(sent()).toEqual([
      { id: 's', type: 'start', payload: { query: 'subscription { count(to: 9) }' } },
      { id: 's', type: 'stop' },
    ]);
    expect(run(session, { type: 'subscribe', id: 's', query: '{ a }', variablesJson: '' })).toEqual({ ok: true });
    run(session, { type: 'disconnect' });
    expect(sent().at(-1)).toEqual({ type: 'connection_terminate' });
  });

  it('refuses bad commands before sending anything', () => {
    const { session, transport } = connected();
    run(session, { type: 'subscribe', id: 'busy', query: 'subscription { a }', variablesJson: '' });
    transport.take();
    const errors = [
      run(session, { type: 'subscribe', query: '  ', variablesJson: '' }),
      run(session, { type: 'subscribe', query: 'fragment F on Q { a }', variablesJson: '' }),
      run(session, { type: 'subscribe', query: '{ a }', variablesJson: '{"a":' }),
      run(session, { type: 'subscribe', query: '{ a }', variablesJson: '[1]' }),
      run(session, { type: 'subscribe', query: '{ a }', variablesJson: '', extensionsJson: '1' }),
      run(session, { type: 'subscribe', id: 'busy', query: '{ a }', variablesJson: '' }),
      run(session, { type: 'complete', id: 'nope' }),
    ].map((r) => (r.ok ? 'ok' : r.error.replace(/:.*/, ':…')));
    expect(errors).toEqual([
      'A GraphQL document is required',
      'The document has no query, mutation or subscription',
      'Variables is not valid JSON:…',
      'Variables must be a JSON object',
      'Extensions must be a JSON object',
      'Operation id "busy" is already active',
      'No active operation "nope"',
    ]);
    expect(transport.sent).toEqual([]);
    expect(run(setup().session, { type: 'subscribe', query: '{ a }', variablesJson: '' }).ok).toBe(false);
  });

  it('bounds operations and results, counting drops; close ends active operations', () => {
    const { session } = connected();
    for (let i = 0; i < 50; i++)
      run(session, { type: 'subscribe', id: `s${i}`, query: 'subscription { a }', variablesJson: '' });
    expect(run(session, { type: 'subscribe', query: '{ a }', variablesJson: '' })).toEqual({
      ok: false,
      error: 'Too many active operations; complete some first',
    });
    run(session, { type: 'complete', id: 's0' });
    expect(run(session, { type: 'subscribe', id: 'new', query: '{ a }', variablesJson: '' }).ok).toBe(true);
    for (let i = 0; i < 105; i++) session.received(json({ id: 's1', type: 'next', payload: { data: i } }));
    const status = session.status();
    expect(status.operations).toHaveLength(50);
    expect(status.operations.find((o) => o.id === 's1')?.resultsDropped).toBe(5);
    expect(status.dropped).toBe(6);
    session.closed(1006, '');
    expect(session.status().operations.every((o) => o.state !== 'active')).toBe(true);
  });

  it('never throws on truncated, mutated or random messages', () => {
    const { session } = connected({ pingIntervalMs: 100 });
    run(session, { type: 'subscribe', id: '1', query: 'subscription { a }', variablesJson: '' });
    const messages = [
      { id: '1', type: 'next', payload: { data: { a: [1, 2] }, errors: [{ message: 'm', path: ['a'] }] } },
      { id: '1', type: 'error', payload: [{ message: 'x' }] },
      { type: 'connection_ack', payload: null },
      { type: 'ping', payload: { deep: { deeper: [1] } } },
      { id: 2, type: 'complete' },
    ];
    for (const message of messages) {
      for (const bytes of mutations(new TextEncoder().encode(JSON.stringify(message)))) {
        expect(() => session.received(text(new TextDecoder().decode(bytes)))).not.toThrow();
        expect(() => session.classify(text(new TextDecoder().decode(bytes)), 'in')).not.toThrow();
      }
    }
    for (let seed = 1; seed < 100; seed++)
      expect(() => session.received(binary(randomBytes(seed, seed)))).not.toThrow();
    expect(() => session.received(json({ type: 'next', id: '1', payload: 'weird' }))).not.toThrow();
    expect(() => JSON.stringify(session.status())).not.toThrow();
  });

  it('guards options and commands', () => {
    expect(isGraphqlOptions({ protocol: 'graphql', subprotocol: 'graphql-ws', initPayloadJson: '' })).toBe(true);
    expect(isGraphqlOptions({ protocol: 'graphql', subprotocol: 'graphql-sse', initPayloadJson: '' })).toBe(false);
    expect(isGraphqlCommand({ protocol: 'graphql', type: 'subscribe', query: '{a}', variablesJson: '' })).toBe(true);
    expect(isGraphqlCommand({ protocol: 'graphql', type: 'subscribe', query: '{a}' })).toBe(false);
    expect(isGraphqlCommand({ protocol: 'graphql', type: 'complete' })).toBe(false);
  });
});
