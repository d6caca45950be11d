import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStompBroker, type StompBrokerServer } from '../../../server/protocol-servers.mjs';
import type { StompOptions } from '../../../src/sessions/stomp-messages';
import { createStompSession } from '../../../src/sessions/stomp-session';
import { bridge, until } from './ws-bridge';

/**
 * Against stomp-broker-js, a real broker from npm. It speaks STOMP 1.1 (no npm broker speaks
 * 1.2), which also exercises the session's version fallback; it keeps heart-beats in one
 * direction per connection, so each direction has its own broker.
 */
const options = (heartBeat: StompOptions['heartBeat']): StompOptions => ({
  protocol: 'stomp',
  host: '127.0.0.1',
  login: 'guest',
  passcode: 'guest',
  heartBeat,
});
const STOMP_PROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

describe('STOMP session against stomp-broker-js', () => {
  let quiet: StompBrokerServer;
  let expectsBeats: StompBrokerServer;
  let sendsBeats: StompBrokerServer;
  beforeAll(async () => {
    [quiet, expectsBeats, sendsBeats] = await Promise.all([
      startStompBroker(),
      startStompBroker({ heartbeat: [0, 200] }),
      startStompBroker({ heartbeat: [200, 0] }),
    ]);
  });
  afterAll(() => Promise.all([quiet.close(), expectsBeats.close(), sendsBeats.close()]));

  const connect = (server: StompBrokerServer, heartBeat = { outgoingMs: 0, incomingMs: 0 }) =>
    bridge(server.url, STOMP_PROTOCOLS, (deps) => createStompSession(options(heartBeat), deps));

  it('subscribes, receives what another client sends, and disconnects on a receipt', async () => {
    const subscriber = connect(quiet);
    const sender = connect(quiet);
    await until(() => subscriber.session.status().phase === 'ready' && sender.session.status().phase === 'ready');
    expect(subscriber.session.status().version).toBe('1.1');
    const subscribed = subscriber.session.run({
      protocol: 'stomp',
      type: 'subscribe',
      destination: '/topic/news',
      id: 's1',
    });
    expect(subscribed).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the broker acknowledges a SUBSCRIBE with nothing
    const result = sender.session.run({
      protocol: 'stomp',
      type: 'send',
      destination: '/topic/news',
      body: 'hello 1.2',
      contentType: 'text/plain',
    });
    expect(result).toEqual({ ok: true });
    await until(() => subscriber.session.status().messages.length === 1, 3000, 'message');
    expect(subscriber.session.status().messages[0]).toMatchObject({
      subscription: 's1',
      destination: '/topic/news',
      bodyText: 'hello 1.2',
    });
    quiet.broker.send('/topic/news', {}, 'from the broker');
    await until(() => subscriber.session.status().messages.length === 2, 3000, 'broker message');
    expect(subscriber.session.status().error).toBeNull();
    // The session closes the socket once the DISCONNECT's receipt is in (§ DISCONNECT).
    expect(sender.session.run({ protocol: 'stomp', type: 'disconnect', receipt: true })).toEqual({ ok: true });
    expect(await sender.closed).toEqual({ code: 1000, reason: 'DISCONNECT' });
    expect(sender.session.status().receipts).toMatchObject([{ frame: 'DISCONNECT', outcome: 'received' }]);
    subscriber.close();
    await subscriber.closed;
  });

  it('sends heart-beats the broker expects, and counts the ones it sends', async () => {
    const beating = connect(expectsBeats, { outgoingMs: 200, incomingMs: 0 });
    const listening = connect(sendsBeats, { outgoingMs: 0, incomingMs: 200 });
    await until(() => beating.session.status().phase === 'ready' && listening.session.status().phase === 'ready');
    expect(beating.session.status().heartBeat).toEqual({ outgoingMs: 200, incomingMs: 0 });
    expect(listening.session.status().heartBeat).toEqual({ outgoingMs: 0, incomingMs: 200 });
    // The broker closes a client silent for 200 + 200 ms; 1.5 s is more than 3 of its checks.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(beating.session.status().phase).toBe('ready');
    expect(beating.session.status().heartbeats.sent).toBeGreaterThanOrEqual(5);
    expect(listening.session.status().heartbeats.received).toBeGreaterThanOrEqual(5);
    expect(listening.session.status().phase).toBe('ready');
    beating.close();
    listening.close();
    await Promise.all([beating.closed, listening.closed]);
  });
});
