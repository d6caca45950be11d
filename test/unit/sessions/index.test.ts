import { describe, expect, it } from 'vitest';
import {
  createSession,
  isSessionCommand,
  isSessionOptions,
  sessionSocket,
  type SessionOptions,
} from '../../../src/sessions';
import { createManualTimers, createMemoryTransport } from './harness';

const deps = () => ({ transport: createMemoryTransport(), timers: createManualTimers() });
const socketIo: SessionOptions = { protocol: 'socket.io', engineIo: 4, namespace: '/', authJson: '' };
const stomp: SessionOptions = {
  protocol: 'stomp',
  host: 'h',
  login: '',
  passcode: '',
  heartBeat: { outgoingMs: 0, incomingMs: 0 },
};
const mqtt: SessionOptions = {
  protocol: 'mqtt',
  version: '5',
  clientId: 'c',
  username: '',
  password: '',
  keepaliveSeconds: 30,
  cleanStart: true,
};
const graphql: SessionOptions = { protocol: 'graphql', subprotocol: 'graphql-transport-ws', initPayloadJson: '' };

describe('sessions: one entry for the background', () => {
  it('creates a session per protocol; bad options create none', () => {
    for (const options of [socketIo, stomp, mqtt, graphql]) {
      const created = createSession(options, deps());
      expect(created.ok && created.value.protocol).toBe(options.protocol);
    }
    const refusals = [
      { ...socketIo, authJson: '{' },
      { ...socketIo, authJson: '[1]' },
      { ...socketIo, engineIo: 3 as const, authJson: '{"a":1}' },
      { ...socketIo, namespace: 'admin' },
      { ...stomp, login: 'a\nb' },
      { ...mqtt, will: { topic: '', payload: '', qos: 0 as const, retain: false } },
      { ...graphql, initPayloadJson: '"x"' },
    ].map((options) => {
      const created = createSession(options, deps());
      return created.ok ? 'created' : created.error.replace(/:.*/, '');
    });
    expect(refusals).toEqual([
      'Auth is not valid JSON',
      'Auth must be a JSON object',
      'Socket.IO v2 (Engine.IO 3) has no auth payload',
      'Namespace "admin" must start with / and hold no , ? # or spaces',
      'The login cannot contain line breaks or NUL',
      'A topic name cannot be empty',
      'The connection_init payload must be a JSON object',
    ]);
  });

  it('refuses a command of another protocol', () => {
    const created = createSession(stomp, deps());
    if (!created.ok) throw new Error(created.error);
    expect(created.value.run({ protocol: 'graphql', type: 'disconnect' })).toEqual({
      ok: false,
      error: 'a graphql command cannot run in a stomp session',
    });
  });

  it('says where the socket connects and with which subprotocols', () => {
    expect(sessionSocket('https://h/app', socketIo)).toEqual({
      ok: true,
      value: { url: 'wss://h/socket.io/?EIO=4&transport=websocket', protocols: [] },
    });
    expect(sessionSocket('ws://h/ws', stomp)).toEqual({
      ok: true,
      value: { url: 'ws://h/ws', protocols: ['v12.stomp', 'v11.stomp', 'v10.stomp'] },
    });
    expect(sessionSocket('ws://h/mqtt', mqtt)).toMatchObject({ value: { protocols: ['mqtt'] } });
    expect(sessionSocket('ws://h/graphql', graphql)).toMatchObject({ value: { protocols: ['graphql-transport-ws'] } });
    expect(sessionSocket('file:///x', socketIo).ok).toBe(false);
  });

  it('guards options and commands of every protocol, and nothing else', () => {
    for (const options of [socketIo, stomp, mqtt, graphql]) expect(isSessionOptions(options)).toBe(true);
    expect(isSessionOptions({ protocol: 'raw' })).toBe(false);
    expect(isSessionOptions('mqtt')).toBe(false);
    expect(isSessionCommand({ protocol: 'socket.io', type: 'disconnect' })).toBe(true);
    expect(isSessionCommand({ protocol: 'stomp', type: 'disconnect' })).toBe(true);
    expect(isSessionCommand({ protocol: 'mqtt', type: 'disconnect' })).toBe(true);
    expect(isSessionCommand({ protocol: 'graphql', type: 'disconnect' })).toBe(true);
    expect(isSessionCommand({ protocol: 'graphql', type: 'explode' })).toBe(false);
    expect(isSessionCommand(undefined)).toBe(false);
  });
});
