import { findOperation } from '../core/decoders/graphql-operation';
import { clip } from './bounded';
import {
  CLOSE_CODES,
  MESSAGE_NAMES,
  classifyGraphql,
  errorMessages,
  graphqlOptionsProblem,
  readMessage,
} from './graphql-codec';
import type { GraphqlCommand, GraphqlOptions, GraphqlStatus } from './graphql-messages';
import { createOperationBook } from './graphql-operations';
import { errorMessage, isRecord, parseJsonText, type Rec } from './guards';
import { createTimerSlots } from './timers';
import type { ProtocolSession, RunResult, SessionDeps, SessionPhase } from './types';

export type GraphqlSession = ProtocolSession<GraphqlCommand, GraphqlStatus>;

/** A GraphQL over WebSocket client (graphql-transport-ws or the legacy graphql-ws) over an owned socket. */
export function createGraphqlSession(options: GraphqlOptions, deps: SessionDeps): GraphqlSession {
  const { transport, timers } = deps;
  const legacy = options.subprotocol === 'graphql-ws';
  const names = MESSAGE_NAMES[options.subprotocol];
  const slots = createTimerSlots(timers);
  const operations = createOperationBook();
  const init = parseJsonText(options.initPayloadJson, 'The connection_init payload');
  let phase: SessionPhase = 'idle';
  let error: string | null = graphqlOptionsProblem(options);
  let ackPayloadText: string | null = null;
  let sent = 0;
  let received = 0;
  let nextId = 1;
  let disposed = false;
  const changed = () => deps.onChange?.();
  const send = (message: Rec) => transport.send({ kind: 'text', text: JSON.stringify(message) });
  const close = (message: string, code: number, reason: string, next: SessionPhase = 'closed') => {
    error = message;
    phase = next;
    slots.clearAll();
    transport.close(code, reason);
  };

  const schedulePing = () => {
    const interval = options.pingIntervalMs;
    if (legacy || !interval) return;
    slots.set('ping', interval, () => {
      send({ type: 'ping' });
      sent++;
      slots.set('pong', interval, () => {
        close(`no pong within ${interval} ms`, 4499, 'Terminated');
        changed();
      });
      changed();
    });
  };
  /** Legacy servers send `ka` on their own schedule; silence after the first one means it is gone. */
  const armKeepAlive = () => {
    const limit = options.keepAliveTimeoutMs ?? 30_000;
    slots.set('ka', limit, () => {
      close(`no ka from the server for ${limit} ms`, 1000, 'keep-alive timeout');
      changed();
    });
  };

  const onMessage = (message: Rec) => {
    const id = typeof message.id === 'string' || typeof message.id === 'number' ? String(message.id) : undefined;
    const type = message.type as string;
    if (
      phase === 'handshake' &&
      type !== 'connection_ack' &&
      type !== 'connection_error' &&
      type !== 'ka' &&
      type !== 'ping'
    )
      return void (error = `${type} before connection_ack`);
    switch (type) {
      case 'connection_ack':
        ackPayloadText = message.payload === undefined ? '' : clip(JSON.stringify(message.payload));
        phase = 'ready';
        slots.clear('handshake');
        return schedulePing();
      case 'connection_error':
        return close(
          `connection_error: ${errorMessages(message.payload).join('; ')}`,
          1000,
          'connection_error',
          'failed',
        );
      case 'ping':
        received++;
        sent++;
        return send(message.payload === undefined ? { type: 'pong' } : { type: 'pong', payload: message.payload });
      case 'pong':
        received++;
        slots.clear('pong');
        return schedulePing();
      case 'ka':
        received++;
        return legacy ? armKeepAlive() : void (error = 'ka is a legacy graphql-ws message');
      case names.result: {
        const payload = isRecord(message.payload) ? message.payload : {};
        const errors = payload.errors === undefined ? undefined : errorMessages(payload.errors);
        const result = {
          at: timers.now(),
          dataText: clip(JSON.stringify(payload.data ?? null)),
          ...(errors ? { errors } : {}),
        };
        if (id === undefined || !operations.result(id, result))
          error = `${type} for no active operation (${id ?? 'no id'})`;
        return;
      }
      case 'error': {
        const errors = errorMessages(message.payload);
        if (id === undefined || !operations.end(id, 'error', errors))
          error = `error for no active operation (${id ?? 'no id'})`;
        else error = `error #${id}: ${errors.join('; ')}`;
        return;
      }
      case 'complete':
        if (id !== undefined) operations.end(id, 'complete'); // may cross the client's own complete
        return;
      default:
        error = `unknown ${options.subprotocol} message type "${clip(type, 40)}"`;
    }
  };

  const subscribe = (command: Extract<GraphqlCommand, { type: 'subscribe' }>): RunResult => {
    if (command.query.trim() === '') return { ok: false, error: 'A GraphQL document is required' };
    const operation = findOperation(command.query);
    if (!operation) return { ok: false, error: 'The document has no query, mutation or subscription' };
    const variables = parseJsonText(command.variablesJson, 'Variables');
    if (!variables.ok) return variables;
    if (!variables.empty && !isRecord(variables.value)) return { ok: false, error: 'Variables must be a JSON object' };
    const extensions = parseJsonText(command.extensionsJson ?? '', 'Extensions');
    if (!extensions.ok) return extensions;
    if (!extensions.empty && !isRecord(extensions.value))
      return { ok: false, error: 'Extensions must be a JSON object' };
    const id = command.id ?? String(nextId++);
    // graphql-transport-ws: a second subscriber for an active id closes the socket with 4409.
    if (id === '' || operations.isActive(id)) return { ok: false, error: `Operation id "${id}" is already active` };
    if (!operations.hasRoom()) return { ok: false, error: 'Too many active operations; complete some first' };
    const payload: Rec = { query: command.query };
    if (!variables.empty) payload.variables = variables.value;
    if (command.operationName) payload.operationName = command.operationName;
    if (!extensions.empty) payload.extensions = extensions.value;
    send({ id, type: names.start, payload });
    const name = command.operationName || operation.name;
    operations.start({ id, kind: operation.kind, startedAt: timers.now(), ...(name ? { name } : {}) });
    return { ok: true };
  };

  const runChecked = (command: GraphqlCommand): RunResult => {
    if (phase !== 'ready') return { ok: false, error: 'not connected (no connection_ack yet)' };
    switch (command.type) {
      case 'subscribe':
        return subscribe(command);
      case 'complete':
        if (!operations.isActive(command.id)) return { ok: false, error: `No active operation "${command.id}"` };
        send({ id: command.id, type: names.stop });
        operations.end(command.id, 'complete');
        return { ok: true };
      case 'disconnect':
        if (legacy) send({ type: 'connection_terminate' });
        close('', 1000, 'Normal Closure');
        error = null;
        return { ok: true };
    }
  };

  return {
    protocol: 'graphql',
    opened() {
      if (disposed) return;
      if (error) {
        phase = 'failed';
        return transport.close(1000, 'bad options');
      }
      send(init.ok && !init.empty ? { type: 'connection_init', payload: init.value } : { type: 'connection_init' });
      phase = 'handshake';
      slots.set('handshake', options.handshakeTimeoutMs ?? 10_000, () => {
        close(
          'no connection_ack from the server in time (handshake timeout)',
          4408,
          'Connection initialisation timeout',
          'failed',
        );
        changed();
      });
      changed();
    },
    received(payload) {
      if (disposed || phase === 'closed' || phase === 'failed' || phase === 'idle') return;
      try {
        const message = readMessage(payload);
        if (message) onMessage(message);
        else error = `not a ${options.subprotocol} message (a JSON object with a type)`;
      } catch (caught) {
        error = `message not understood: ${errorMessage(caught)}`;
      }
      changed();
    },
    closed(code, reason) {
      if (disposed) return;
      const meaning = CLOSE_CODES[code];
      if (meaning) error = `closed ${code} ${meaning}${reason && reason !== meaning ? `: ${reason}` : ''}`;
      else if (phase === 'handshake' && error === null)
        error = `socket closed during the handshake (${code} ${reason})`.trim();
      if (phase !== 'failed') phase = 'closed';
      slots.clearAll();
      operations.endAll();
      changed();
    },
    run(command) {
      if (disposed) return { ok: false, error: 'the session has ended' };
      const result = runChecked(command);
      if (result.ok) changed();
      return result;
    },
    status: () => ({
      protocol: 'graphql',
      phase,
      error,
      heartbeats: { sent, received },
      dropped: operations.dropped,
      subprotocol: options.subprotocol,
      ackPayloadText,
      operations: operations.list(),
    }),
    classify: (payload) => classifyGraphql(payload),
    dispose() {
      disposed = true;
      slots.clearAll();
    },
  };
}
