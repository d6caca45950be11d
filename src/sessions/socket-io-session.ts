import type { WirePayload } from '../protocol';
import type { SocketIoPacketHead } from '../core/decoders/socket-io-packet';
import { createBoundedList, clip } from './bounded';
import { errorMessage, isRecord } from './guards';
import { createAckBook } from './socket-io-acks';
import {
  attachmentFrame,
  classifySocketIo,
  readEngineFrame,
  SOCKET_IO,
  socketIoText,
  withAttachments,
} from './socket-io-codec';
import { checkSocketIoCommand, socketIoOptionsProblem } from './socket-io-commands';
import type { SocketIoCommand, SocketIoEvent, SocketIoOptions, SocketIoStatus } from './socket-io-messages';
import { createEngineHeartbeat } from './engine-io-heartbeat';
import { createTimerSlots } from './timers';
import type { ProtocolSession, RunResult, SessionDeps, SessionPhase } from './types';

export type SocketIoSession = ProtocolSession<SocketIoCommand, SocketIoStatus>;

const EVENTS_CAP = 200;
const SERVER_ACKS_CAP = 100;

/** A Socket.IO client (Engine.IO 3 or 4, one namespace) over an owned socket. */
export function createSocketIoSession(options: SocketIoOptions, deps: SessionDeps): SocketIoSession {
  const { transport, timers } = deps;
  const eio = options.engineIo;
  const nsp = options.namespace;
  const slots = createTimerSlots(timers);
  const acks = createAckBook(slots, () => timers.now());
  const events = createBoundedList<SocketIoEvent>(EVENTS_CAP);
  const serverAcks = new Set<number>();
  let phase: SessionPhase = 'idle';
  let error: string | null = socketIoOptionsProblem(options);
  let sid: string | null = null;
  let pingInterval: number | null = null;
  let pingTimeout: number | null = null;
  let connected = false;
  let partial: { head: SocketIoPacketHead; attachments: string[] } | null = null;
  let disposed = false;

  const changed = () => deps.onChange?.();
  const send = (text: string) => transport.send({ kind: 'text', text });
  const fail = (message: string, closeReason: string, nextPhase: SessionPhase = 'failed') => {
    error = message;
    phase = nextPhase;
    connected = false;
    slots.clearAll();
    transport.close(1000, closeReason);
  };

  const heartbeat = createEngineHeartbeat(eio, slots, send, (message) => {
    fail(message, 'ping timeout', 'closed');
    changed();
  });

  const onOpen = (data: string) => {
    let handshake: unknown;
    try {
      handshake = JSON.parse(data);
    } catch {
      handshake = null;
    }
    if (!isRecord(handshake) || typeof handshake.pingInterval !== 'number' || typeof handshake.pingTimeout !== 'number')
      return fail('Engine.IO open packet without pingInterval/pingTimeout', 'bad handshake');
    sid = typeof handshake.sid === 'string' ? handshake.sid : null;
    pingInterval = Math.max(1, handshake.pingInterval);
    pingTimeout = Math.max(1, handshake.pingTimeout);
    // Socket.IO v2 joins the root namespace by itself; v3+ clients always send CONNECT (socket.io-protocol v5 § CONNECT).
    if (eio === 4) send(socketIoText(SOCKET_IO.CONNECT, nsp, options.authJson.trim()));
    else if (nsp !== '/') send(socketIoText(SOCKET_IO.CONNECT, nsp, ''));
    heartbeat.start(pingInterval, pingTimeout);
  };

  const parseData = (head: SocketIoPacketHead, attachments: readonly string[]): unknown => {
    try {
      return withAttachments(head.dataText === '' ? undefined : JSON.parse(head.dataText), attachments);
    } catch {
      error = `packet data is not JSON: ${clip(head.dataText, 80)}`;
      return undefined;
    }
  };

  const onPacket = (head: SocketIoPacketHead, attachments: readonly string[]) => {
    if (head.namespace !== nsp) return; // v2 servers always confirm the root namespace too
    const data = parseData(head, attachments);
    switch (head.type) {
      case SOCKET_IO.CONNECT:
        connected = true;
        phase = 'ready';
        slots.clear('handshake');
        return;
      case SOCKET_IO.CONNECT_ERROR: {
        const message =
          isRecord(data) && typeof data.message === 'string' ? data.message : JSON.stringify(data ?? null);
        return fail(`connect_error: ${message}`, 'connect_error');
      }
      case SOCKET_IO.DISCONNECT:
        return fail('disconnected by the server (io server disconnect)', 'io server disconnect', 'closed');
      case SOCKET_IO.EVENT:
      case SOCKET_IO.BINARY_EVENT: {
        if (!Array.isArray(data) || typeof data[0] !== 'string') {
          error = 'EVENT data is not an array starting with the event name';
          return;
        }
        const ackId = head.ackId;
        if (ackId !== undefined && serverAcks.size < SERVER_ACKS_CAP) serverAcks.add(ackId);
        const argsText = clip(JSON.stringify(data.slice(1)));
        events.push({ at: timers.now(), event: data[0], argsText, ...(ackId === undefined ? {} : { ackId }) });
        return;
      }
      case SOCKET_IO.ACK:
      case SOCKET_IO.BINARY_ACK:
        if (head.ackId === undefined || !acks.reply(head.ackId, clip(JSON.stringify(data ?? []))))
          error = `ACK for an unknown or finished ack id ${head.ackId ?? '(none)'}`;
        return;
    }
  };

  const onFrame = (payload: WirePayload) => {
    const frame = readEngineFrame(payload, eio);
    if (frame.kind !== 'attachment' && partial) {
      error = `expected ${partial.head.attachments} binary attachment(s), got a text frame`;
      partial = null;
    }
    switch (frame.kind) {
      case 'open':
        return onOpen(frame.data);
      case 'ping':
        return heartbeat.ping(frame.data);
      case 'pong':
        return heartbeat.pong();
      case 'close':
        return fail('the server closed the Engine.IO session', 'server close', 'closed');
      case 'upgrade':
      case 'noop':
        return;
      case 'malformed':
        error = frame.error;
        return;
      case 'attachment':
        if (!partial) {
          error = 'binary frame without a binary packet before it';
          return;
        }
        partial.attachments.push(frame.base64);
        if (partial.attachments.length < (partial.head.attachments ?? 0)) return;
        onPacket(partial.head, partial.attachments);
        partial = null;
        return;
      case 'packet':
        if (frame.head.attachments) partial = { head: frame.head, attachments: [] };
        else onPacket(frame.head, []);
    }
  };

  const runChecked = (command: SocketIoCommand): RunResult => {
    const checked = checkSocketIoCommand(command, { connected, serverAcks, eio });
    if (!checked.ok) return checked;
    if (command.type === 'disconnect') {
      send(socketIoText(SOCKET_IO.DISCONNECT, nsp, ''));
      fail('disconnected by the client (io client disconnect)', 'io client disconnect', 'closed');
      error = null;
      return { ok: true };
    }
    if (command.type === 'ack') {
      serverAcks.delete(command.ackId);
      send(socketIoText(SOCKET_IO.ACK, nsp, checked.json, command.ackId));
      return { ok: true };
    }
    const binary = command.binaryArgs ?? [];
    const ackId =
      command.ackTimeoutMs === undefined ? undefined : acks.ask(command.event, command.ackTimeoutMs, changed);
    const type = binary.length ? SOCKET_IO.BINARY_EVENT : SOCKET_IO.EVENT;
    send(socketIoText(type, nsp, checked.json, ackId, binary.length || undefined));
    for (const base64 of binary) transport.send(attachmentFrame(base64, eio));
    return { ok: true };
  };

  return {
    protocol: 'socket.io',
    opened() {
      if (disposed) return;
      if (error) {
        phase = 'failed';
        return transport.close(1000, 'bad options');
      }
      phase = 'handshake';
      slots.set('handshake', options.handshakeTimeoutMs ?? 20_000, () => {
        fail('no namespace CONNECT from the server in time (handshake timeout)', 'handshake timeout');
        changed();
      });
      changed();
    },
    received(payload) {
      if (disposed || phase === 'closed' || phase === 'failed') return;
      try {
        onFrame(payload);
      } catch (caught) {
        error = `frame not understood: ${errorMessage(caught)}`;
      }
      changed();
    },
    closed(code, reason) {
      if (disposed) return;
      if (phase === 'handshake' && error === null)
        error = `socket closed during the handshake (${code} ${reason})`.trim();
      if (phase !== 'failed') phase = 'closed';
      connected = false;
      slots.clearAll();
      acks.closeAll();
      changed();
    },
    run(command) {
      if (disposed) return { ok: false, error: 'the session has ended' };
      const result = runChecked(command);
      if (result.ok) changed();
      return result;
    },
    status: () => ({
      protocol: 'socket.io',
      phase,
      error,
      heartbeats: { sent: heartbeat.sent, received: heartbeat.received },
      dropped: events.dropped + acks.dropped,
      engineIo: eio,
      sid,
      namespace: nsp,
      namespaceConnected: connected,
      pingInterval,
      pingTimeout,
      acks: acks.list(),
      events: events.items(),
    }),
    classify: (payload) => classifySocketIo(payload, eio),
    dispose() {
      disposed = true;
      slots.clearAll();
    },
  };
}
