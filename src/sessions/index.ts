import { engineIoUrl } from './engine-io-url';
import { graphqlOptionsProblem } from './graphql-codec';
import { createGraphqlSession } from './graphql-session';
import type { SessionCommand, SessionOptions, SessionStatus } from './messages';
import { mqttOptionsProblem } from './mqtt-commands';
import { createMqttSession } from './mqtt-session';
import { socketIoOptionsProblem } from './socket-io-commands';
import { createSocketIoSession } from './socket-io-session';
import { stompOptionsProblem } from './stomp-commands';
import { createStompSession } from './stomp-session';
import type { ProtocolSession, SessionDeps } from './types';

/** Any protocol's session, as the background holds it: `run` refuses another protocol's commands. */
export type Session = ProtocolSession<SessionCommand, SessionStatus>;

export type Created<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Why these options cannot start a session (nothing would be sent), or null. */
export function sessionOptionsProblem(options: SessionOptions): string | null {
  switch (options.protocol) {
    case 'socket.io':
      return socketIoOptionsProblem(options);
    case 'stomp':
      return stompOptionsProblem(options);
    case 'mqtt':
      return mqttOptionsProblem(options);
    case 'graphql':
      return graphqlOptionsProblem(options);
  }
}

/**
 * Where the socket for a session connects: Socket.IO's Engine.IO URL (from an http(s) or ws(s)
 * URL), and the subprotocols each protocol's servers expect (STOMP § Connecting over WebSocket
 * names v12.stomp…; MQTT § 6.0 requires "mqtt"; GraphQL names its protocol).
 */
export function sessionSocket(url: string, options: SessionOptions): Created<{ url: string; protocols: string[] }> {
  switch (options.protocol) {
    case 'socket.io': {
      const target = engineIoUrl(url, options.engineIo);
      return target.ok ? { ok: true, value: { url: target.url, protocols: [] } } : target;
    }
    case 'stomp':
      return { ok: true, value: { url, protocols: ['v12.stomp', 'v11.stomp', 'v10.stomp'] } };
    case 'mqtt':
      return { ok: true, value: { url, protocols: ['mqtt'] } };
    case 'graphql':
      return { ok: true, value: { url, protocols: [options.subprotocol] } };
  }
}

/** A session for these options over the given socket, or why not. */
export function createSession(options: SessionOptions, deps: SessionDeps): Created<Session> {
  const problem = sessionOptionsProblem(options);
  if (problem) return { ok: false, error: problem };
  switch (options.protocol) {
    case 'socket.io':
      return { ok: true, value: accepting(createSocketIoSession(options, deps)) };
    case 'stomp':
      return { ok: true, value: accepting(createStompSession(options, deps)) };
    case 'mqtt':
      return { ok: true, value: accepting(createMqttSession(options, deps)) };
    case 'graphql':
      return { ok: true, value: accepting(createGraphqlSession(options, deps)) };
  }
}

/** Widens a session to every command: one of another protocol is refused, not misread. */
function accepting<C extends SessionCommand>(session: ProtocolSession<C, SessionStatus>): Session {
  return {
    ...session,
    run: (command) =>
      command.protocol === session.protocol
        ? session.run(command as C) // the protocol tag decides the command's type
        : { ok: false, error: `a ${command.protocol} command cannot run in a ${session.protocol} session` },
  };
}

export { engineIoUrl } from './engine-io-url';
export { isSessionCommand, isSessionOptions } from './messages';
export type { SessionCommand, SessionOptions, SessionStatus } from './messages';
export { systemTimers } from './timers';
export type { FrameClass, RunResult, SessionDeps, SessionTimers, SessionTransport } from './types';
