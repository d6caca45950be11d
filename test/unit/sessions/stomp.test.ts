import { describe, expect, it } from 'vitest';
import { negotiateHeartBeat } from '../../../src/sessions/stomp-codec';
import {
  isStompCommand,
  isStompOptions,
  type StompCommand,
  type StompOptions,
} from '../../../src/sessions/stomp-messages';
import { createStompSession } from '../../../src/sessions/stomp-session';
import { binary, createManualTimers, createMemoryTransport, mutations, randomBytes, text } from './harness';

const CONNECTED = 'CONNECTED\nversion:1.2\nserver:test/1\nheart-beat:1000,500\n\n\0';

function setup(overrides: Partial<StompOptions> = {}) {
  const transport = createMemoryTransport();
  const timers = createManualTimers();
  const options: StompOptions = {
    protocol: 'stomp',
    host: 'vhost',
    login: 'guest',
    passcode: 'pw',
    heartBeat: { outgoingMs: 0, incomingMs: 0 },
    ...overrides,
  };
  const session = createStompSession(options, { transport, timers });
  return { session, transport, timers };
}

function connected(overrides: Partial<StompOptions> = {}, frame = CONNECTED) {
  const s = setup(overrides);
  s.session.opened();
  s.session.received(text(frame));
  s.transport.take();
  return s;
}

type Unlabelled<T> = T extends unknown ? Omit<T, 'protocol'> : never;
const run = (session: ReturnType<typeof setup>['session'], command: Unlabelled<StompCommand>) =>
  session.run({ protocol: 'stomp', ...command });

describe('STOMP session: handshake', () => {
  it('sends CONNECT with its headers unescaped, and is ready on CONNECTED', () => {
    const { session, transport } = setup({ passcode: 'a:b', heartBeat: { outgoingMs: 1000, incomingMs: 2000 } });
    session.opened();
    expect(transport.texts()).toEqual([
      'CONNECT\naccept-version:1.2,1.1,1.0\nhost:vhost\nlogin:guest\npasscode:a:b\nheart-beat:1000,2000\n\n\0',
    ]);
    session.received(text(CONNECTED));
    expect(session.status()).toMatchObject({
      phase: 'ready',
      version: '1.2',
      server: 'test/1',
      heartBeat: { outgoingMs: 1000, incomingMs: 2000 },
    });
  });

  it('an ERROR frame refuses the connection in the server words', () => {
    const { session } = setup();
    session.opened();
    session.received(text('ERROR\nmessage:Bad CONNECT\ncontent-type:text/plain\n\nAccess refused for user guest\0'));
    expect(session.status()).toMatchObject({
      phase: 'failed',
      error: 'ERROR Bad CONNECT — Access refused for user guest',
    });
  });

  it('times out without CONNECTED', () => {
    const { session, timers, transport } = setup({ handshakeTimeoutMs: 500 });
    session.opened();
    timers.advance(500);
    expect(session.status().phase).toBe('failed');
    expect(transport.closedWith).toEqual({ code: 4000, reason: 'handshake timeout' });
  });

  it('negotiates heart-beats as the spec says', () => {
    expect(negotiateHeartBeat([1000, 1000], '0,0')).toEqual({ outgoingMs: 0, incomingMs: 0 });
    expect(negotiateHeartBeat([1000, 0], '5000,2000')).toEqual({ outgoingMs: 2000, incomingMs: 0 });
    expect(negotiateHeartBeat([0, 300], '500,500')).toEqual({ outgoingMs: 0, incomingMs: 500 });
    expect(negotiateHeartBeat([10, 10], undefined)).toEqual({ outgoingMs: 0, incomingMs: 0 });
    expect(negotiateHeartBeat([10, 10], 'x,y')).toEqual({ outgoingMs: 0, incomingMs: 0 });
  });
});

describe('STOMP session: heart-beats', () => {
  it('sends an EOL when nothing else went out for the period (the server wants one each 500 ms)', () => {
    const { session, transport, timers } = connected({ heartBeat: { outgoingMs: 400, incomingMs: 0 } });
    expect(session.status().heartBeat).toEqual({ outgoingMs: 500, incomingMs: 0 });
    timers.advance(499);
    expect(transport.texts()).toEqual([]);
    timers.advance(1);
    expect(transport.texts()).toEqual(['\n']);
    timers.advance(500);
    expect(transport.texts()).toEqual(['\n', '\n']);
    timers.advance(300);
    run(session, { type: 'send', destination: '/q', body: 'x' });
    timers.advance(499);
    expect(transport.texts()).toHaveLength(3);
    timers.advance(1);
    expect(transport.texts()).toHaveLength(4);
    expect(session.status().heartbeats.sent).toBe(3);
  });

  it('counts server heart-beats (each 1000 ms, as it offers) and gives up after two silent periods', () => {
    const { session, timers, transport } = connected({ heartBeat: { outgoingMs: 0, incomingMs: 500 } });
    timers.advance(900);
    session.received(text('\n'));
    timers.advance(900);
    session.received(text('\r\n'));
    expect(session.status().heartbeats.received).toBe(2);
    timers.advance(1999);
    expect(session.status().phase).toBe('ready');
    timers.advance(1);
    expect(session.status().phase).toBe('closed');
    expect(session.status().error).toBe('no heart-beat or frame from the server for 2000 ms');
    expect(transport.closedWith?.reason).toBe('heart-beat timeout');
  });

  it('classifies frames', () => {
    const { session } = setup();
    expect(session.classify(text('\n'), 'in')).toBe('heartbeat');
    expect(session.classify(text(CONNECTED), 'in')).toBe('handshake');
    expect(session.classify(text('ERROR\nmessage:x\n\n\0'), 'in')).toBe('error');
    expect(session.classify(text('MESSAGE\ndestination:/q\n\nhi\0'), 'in')).toBe('message');
    expect(session.classify(text('SUBSCRIBE\nid:1\ndestination:/q\n\n\0'), 'out')).toBe('control');
    expect(session.classify(text('NOPE\n\n\0'), 'in')).toBe('unknown');
  });
});

describe('STOMP session: commands', () => {
  it('subscribes, receives, acks and unsubscribes (1.2 acks by the ack header)', () => {
    const { session, transport } = connected();
    expect(
      run(session, { type: 'subscribe', destination: '/queue/a', ack: 'client-individual', headers: [['x:y', 'v\n']] }),
    ).toEqual({ ok: true });
    expect(transport.texts()).toEqual([
      'SUBSCRIBE\nid:sub-0\ndestination:/queue/a\nack:client-individual\nx\\cy:v\\n\n\n\0',
    ]);
    session.received(text('MESSAGE\nsubscription:sub-0\nmessage-id:m1\nack:a1\ndestination:/queue/a\n\nhello\0\n'));
    const status = session.status();
    expect(status.messages).toMatchObject([{ subscription: 'sub-0', messageId: 'm1', ackId: 'a1', bodyText: 'hello' }]);
    expect(status.unacked).toEqual(['a1']);
    expect(status.subscriptions).toEqual([
      { id: 'sub-0', destination: '/queue/a', ack: 'client-individual', messages: 1 },
    ]);
    transport.take();
    expect(run(session, { type: 'ack', id: 'a1' })).toEqual({ ok: true });
    expect(run(session, { type: 'ack', id: 'a1' }).ok).toBe(false);
    expect(run(session, { type: 'unsubscribe', id: 'sub-0' })).toEqual({ ok: true });
    expect(transport.texts()).toEqual(['ACK\nid:a1\n\n\0', 'UNSUBSCRIBE\nid:sub-0\n\n\0']);
    expect(session.status().subscriptions).toEqual([]);
  });

  it('1.1 acks and nacks by message-id and subscription', () => {
    const { session, transport } = connected({}, 'CONNECTED\nversion:1.1\n\n\0');
    run(session, { type: 'subscribe', destination: '/q', ack: 'client', id: 's' });
    session.received(text('MESSAGE\nsubscription:s\nmessage-id:7\ndestination:/q\n\n\0'));
    transport.take();
    run(session, { type: 'nack', id: '7' });
    expect(transport.texts()).toEqual(['NACK\nmessage-id:7\nsubscription:s\n\n\0']);
  });

  it('sends with content-length, content-type, binary bodies and receipts', () => {
    const { session, transport, timers } = connected();
    run(session, { type: 'send', destination: '/t', body: 'héllo', contentType: 'text/plain', receipt: true });
    expect(transport.texts()).toEqual([
      'SEND\ndestination:/t\ncontent-length:6\ncontent-type:text/plain\nreceipt:rcpt-0\n\nhéllo\0',
    ]);
    run(session, { type: 'send', destination: '/t', body: 'AAE=', bodyEncoding: 'base64' });
    const bytes = Buffer.from((transport.sent[1] as { base64: string }).base64, 'base64');
    expect([...bytes.subarray(-3)]).toEqual([0, 1, 0]);
    expect(bytes.toString('latin1')).toContain('content-length:2\n');
    expect(session.status().receipts).toMatchObject([{ id: 'rcpt-0', frame: 'SEND', outcome: 'pending' }]);
    timers.advance(30);
    session.received(text('RECEIPT\nreceipt-id:rcpt-0\n\n\0'));
    expect(session.status().receipts).toMatchObject([{ id: 'rcpt-0', outcome: 'received', ms: 30 }]);
  });

  it('disconnects after the DISCONNECT receipt', () => {
    const { session, transport } = connected();
    run(session, { type: 'disconnect', receipt: true });
    expect(transport.closedWith).toBeNull();
    session.received(text('RECEIPT\nreceipt-id:rcpt-0\n\n\0'));
    expect(transport.closedWith).toEqual({ code: 1000, reason: 'DISCONNECT' });
  });

  it('refuses bad commands before sending anything', () => {
    const { session, transport } = connected();
    run(session, { type: 'subscribe', destination: '/q', id: 'dup' });
    transport.take();
    const errors = [
      run(session, { type: 'subscribe', destination: '' }),
      run(session, { type: 'subscribe', destination: '/q', id: 'dup' }),
      run(session, { type: 'subscribe', destination: '/q', headers: [['ack', 'client']] }),
      run(session, { type: 'subscribe', destination: '/q', headers: [['', 'x']] }),
      run(session, { type: 'unsubscribe', id: 'nope' }),
      run(session, { type: 'send', destination: '', body: '' }),
      run(session, { type: 'send', destination: '/q', body: '*', bodyEncoding: 'base64' }),
      run(session, { type: 'ack', id: 'never' }),
    ].map((r) => (r.ok ? 'ok' : r.error));
    expect(errors).toEqual([
      'A destination is required',
      'Subscription id "dup" is already in use',
      'The "ack" header is set by the form, not as a custom header',
      'A header name is empty',
      'No subscription "nope"',
      'A destination is required',
      'The body is not base64',
      'No received message waits for an ACK as "never"',
    ]);
    expect(transport.sent).toEqual([]);
    const early = setup();
    expect(run(early.session, { type: 'send', destination: '/q', body: '' }).ok).toBe(false);
    const old = connected({}, 'CONNECTED\n\n\0');
    expect(old.session.status().version).toBe('1.0');
    expect(run(old.session, { type: 'nack', id: 'x' })).toEqual({ ok: false, error: 'STOMP 1.0 has no NACK' });
  });

  it('bounds messages and pending acks, counting drops', () => {
    const { session } = connected();
    run(session, { type: 'subscribe', destination: '/q', ack: 'client', id: 's' });
    for (let i = 0; i < 600; i++) session.received(text(`MESSAGE\nsubscription:s\nmessage-id:${i}\nack:${i}\n\n\0`));
    const status = session.status();
    expect(status.messages).toHaveLength(200);
    expect(status.unacked).toHaveLength(500);
    expect(status.dropped).toBe(500);
  });

  it('ends pending receipts on close, and dispose stops the timers', () => {
    const { session, timers } = connected({ heartBeat: { outgoingMs: 100, incomingMs: 100 } });
    run(session, { type: 'subscribe', destination: '/q', receipt: true });
    session.closed(1006, '');
    expect(session.status().receipts[0]?.outcome).toBe('closed');
    const other = connected({ heartBeat: { outgoingMs: 100, incomingMs: 100 } });
    other.session.dispose();
    expect(other.timers.pending()).toBe(0);
    expect(timers.pending()).toBe(0);
  });
});

describe('STOMP session: untrusted input and guards', () => {
  it('never throws on truncated, mutated or random frames', () => {
    const { session } = connected({ heartBeat: { outgoingMs: 0, incomingMs: 1000 } });
    run(session, { type: 'subscribe', destination: '/q', ack: 'client', id: 's' });
    const frames = [
      CONNECTED,
      'MESSAGE\nsubscription:s\nmessage-id:1\nack:1\ncontent-length:2\n\nab\0',
      'RECEIPT\nreceipt-id:r\n\n\0',
      'ERROR\nmessage:m\n\nbody\0',
    ];
    for (const frame of frames) {
      for (const bytes of mutations(new TextEncoder().encode(frame))) {
        expect(() => session.received(binary(bytes))).not.toThrow();
        expect(() => session.received(text(new TextDecoder().decode(bytes)))).not.toThrow();
        expect(() => session.classify(binary(bytes), 'in')).not.toThrow();
      }
    }
    for (let seed = 1; seed < 200; seed++)
      expect(() => session.received(binary(randomBytes(seed, seed)))).not.toThrow();
    expect(() => session.received({ kind: 'binary', base64: '%' })).not.toThrow();
    expect(() => JSON.stringify(session.status())).not.toThrow();
  });

  it('guards options and commands', () => {
    expect(
      isStompOptions({
        protocol: 'stomp',
        host: '',
        login: '',
        passcode: '',
        heartBeat: { outgoingMs: 0, incomingMs: 0 },
      }),
    ).toBe(true);
    expect(
      isStompOptions({
        protocol: 'stomp',
        host: '',
        login: '',
        passcode: '',
        heartBeat: { outgoingMs: -1, incomingMs: 0 },
      }),
    ).toBe(false);
    expect(isStompCommand({ protocol: 'stomp', type: 'subscribe', destination: '/q', headers: [['a', 'b']] })).toBe(
      true,
    );
    expect(isStompCommand({ protocol: 'stomp', type: 'subscribe', destination: '/q', headers: [['a']] })).toBe(false);
    expect(isStompCommand({ protocol: 'stomp', type: 'subscribe', destination: '/q', ack: 'sometimes' })).toBe(false);
    expect(isStompCommand({ protocol: 'stomp', type: 'send', destination: '/q', body: 1 })).toBe(false);
    expect(isStompCommand({ protocol: 'stomp', type: 'disconnect', receipt: 'yes' })).toBe(false);
    expect(isStompCommand({ protocol: 'mqtt', type: 'disconnect' })).toBe(false);
  });
});
