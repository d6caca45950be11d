import type { StompFrame } from '../core/decoders/stomp-frame';
import type { WirePayload } from '../protocol';
import { clip, createBoundedList } from './bounded';
import { errorMessage } from './guards';
import { classifyStomp, header, negotiateHeartBeat, readStompFrames, stompFrame } from './stomp-codec';
import { buildStompFrame, stompOptionsProblem } from './stomp-commands';
import type {
  StompAckMode,
  StompCommand,
  StompMessage,
  StompOptions,
  StompReceipt,
  StompStatus,
} from './stomp-messages';
import { createTimerSlots } from './timers';
import type { ProtocolSession, RunResult, SessionDeps, SessionPhase } from './types';

export type StompSession = ProtocolSession<StompCommand, StompStatus>;

const MESSAGES_CAP = 200;
const RECEIPTS_CAP = 100;
const UNACKED_CAP = 500;
const SUBSCRIPTIONS_CAP = 200;
/** A server may be this many periods late before it counts as gone (as stomp.js allows). */
const INCOMING_TOLERANCE = 2;
const utf8 = new TextDecoder();

/** A STOMP 1.2 client (1.1 and 1.0 when the server chooses them) over an owned socket. */
export function createStompSession(options: StompOptions, deps: SessionDeps): StompSession {
  const { transport, timers } = deps;
  const slots = createTimerSlots(timers);
  const messages = createBoundedList<StompMessage>(MESSAGES_CAP);
  const finishedReceipts = createBoundedList<StompReceipt>(RECEIPTS_CAP);
  const pendingReceipts = new Map<string, StompReceipt>();
  const subscriptions = new Map<string, { id: string; destination: string; ack: StompAckMode; messages: number }>();
  const unacked = new Map<string, string>();
  let phase: SessionPhase = 'idle';
  let error: string | null = stompOptionsProblem(options);
  let version: string | null = null;
  let server: string | null = null;
  let heartBeat: StompStatus['heartBeat'] = null;
  let sent = 0;
  let received = 0;
  let dropped = 0;
  let counter = 0;
  let closeAfterReceipt: string | null = null;
  let disposed = false;
  const changed = () => deps.onChange?.();

  const armOutgoing = () => {
    if (!heartBeat?.outgoingMs) return;
    slots.set('client-beat', heartBeat.outgoingMs, () => {
      transport.send({ kind: 'text', text: '\n' });
      sent++;
      armOutgoing();
      changed();
    });
  };
  const armIncoming = () => {
    if (!heartBeat?.incomingMs) return;
    const limit = heartBeat.incomingMs * INCOMING_TOLERANCE;
    slots.set('server-silence', limit, () => {
      error = `no heart-beat or frame from the server for ${limit} ms`;
      phase = 'closed';
      slots.clearAll();
      transport.close(4000, 'heart-beat timeout');
      changed();
    });
  };
  const send = (payload: WirePayload) => {
    transport.send(payload);
    armOutgoing(); // any frame counts as a heart-beat (§ Heart-beating)
  };

  const onConnected = (frame: StompFrame) => {
    version = header(frame, 'version') ?? '1.0';
    server = header(frame, 'server') ?? null;
    const { outgoingMs, incomingMs } = options.heartBeat;
    heartBeat = negotiateHeartBeat([outgoingMs, incomingMs], header(frame, 'heart-beat'));
    phase = 'ready';
    slots.clear('handshake');
    armOutgoing();
  };
  const onMessage = (frame: StompFrame) => {
    const subscription = header(frame, 'subscription') ?? '';
    const sub = subscriptions.get(subscription);
    if (sub) sub.messages++;
    const messageId = header(frame, 'message-id') ?? '';
    const ackId = sub && sub.ack !== 'auto' ? (version === '1.2' ? header(frame, 'ack') : messageId) : undefined;
    if (ackId !== undefined) {
      unacked.set(ackId, subscription);
      if (unacked.size > UNACKED_CAP) {
        unacked.delete(unacked.keys().next().value as string);
        dropped++;
      }
    }
    const destination = header(frame, 'destination') ?? '';
    const bodyText = clip(utf8.decode(frame.body));
    const at = timers.now();
    messages.push({
      at,
      subscription,
      destination,
      messageId,
      headers: frame.headers,
      bodyText,
      ...(ackId === undefined ? {} : { ackId }),
    });
  };
  const finishReceipt = (id: string, outcome: 'received' | 'closed') => {
    const receipt = pendingReceipts.get(id);
    if (!receipt) return false;
    pendingReceipts.delete(id);
    finishedReceipts.push({ ...receipt, outcome, ms: timers.now() - receipt.sentAt });
    return true;
  };
  const onFrame = (frame: StompFrame) => {
    switch (frame.command) {
      case '':
        received++;
        return;
      case 'CONNECTED':
        return onConnected(frame);
      case 'MESSAGE':
        return onMessage(frame);
      case 'RECEIPT': {
        const id = header(frame, 'receipt-id') ?? '';
        if (!finishReceipt(id, 'received')) error = `RECEIPT for an unknown receipt id "${clip(id, 40)}"`;
        if (id === closeAfterReceipt) transport.close(1000, 'DISCONNECT');
        return;
      }
      case 'ERROR': {
        const message = header(frame, 'message') ?? '';
        const body = utf8.decode(frame.body).trim();
        error = clip(`ERROR ${message}${body ? ` — ${body}` : ''}`.trim(), 1000);
        if (phase === 'handshake') phase = 'failed';
        return;
      }
      default:
        error = `unexpected ${frame.command} frame from the server`;
    }
  };

  const apply = (command: StompCommand, headers: readonly (readonly [string, string])[]) => {
    const receipt = headers.find(([n]) => n === 'receipt')?.[1];
    if (receipt) {
      pendingReceipts.set(receipt, {
        id: receipt,
        frame: command.type.toUpperCase(),
        sentAt: timers.now(),
        outcome: 'pending',
      });
      if (pendingReceipts.size > RECEIPTS_CAP) {
        finishReceipt(pendingReceipts.keys().next().value as string, 'closed');
        dropped++;
      }
    }
    const id = headers.find(([n]) => n === 'id')?.[1] ?? '';
    if (command.type === 'subscribe')
      subscriptions.set(id, { id, destination: command.destination, ack: command.ack ?? 'auto', messages: 0 });
    if (command.type === 'unsubscribe') subscriptions.delete(command.id);
    if (command.type === 'ack' || command.type === 'nack') unacked.delete(command.id);
    if (command.type === 'disconnect') {
      // § DISCONNECT: wait for the receipt before closing, so that every frame before it was handled.
      if (receipt) closeAfterReceipt = receipt;
      else transport.close(1000, 'DISCONNECT');
    }
  };

  const runChecked = (command: StompCommand): RunResult => {
    if (phase !== 'ready') return { ok: false, error: 'not connected (no CONNECTED frame yet)' };
    if (command.type === 'subscribe' && subscriptions.size >= SUBSCRIPTIONS_CAP)
      return { ok: false, error: `at most ${SUBSCRIPTIONS_CAP} subscriptions` };
    const built = buildStompFrame(command, {
      version: version ?? '1.0',
      subscriptionIds: new Set(subscriptions.keys()),
      unacked,
      nextId: (prefix) => `${prefix}-${counter++}`,
    });
    if (!built.ok) return built;
    send(stompFrame(built.command, built.headers, built.body));
    apply(command, built.headers);
    return { ok: true };
  };

  return {
    protocol: 'stomp',
    opened() {
      if (disposed) return;
      if (error) {
        phase = 'failed';
        return transport.close(1000, 'bad options');
      }
      const { outgoingMs, incomingMs } = options.heartBeat;
      const headers: [string, string][] = [['accept-version', '1.2,1.1,1.0']];
      if (options.host) headers.push(['host', options.host]);
      if (options.login) headers.push(['login', options.login]);
      if (options.passcode) headers.push(['passcode', options.passcode]);
      headers.push(['heart-beat', `${outgoingMs},${incomingMs}`]);
      // CONNECT rather than STOMP: 1.0 and 1.1 brokers know only CONNECT (§ CONNECT or STOMP Frame).
      transport.send(stompFrame('CONNECT', headers));
      phase = 'handshake';
      slots.set('handshake', options.handshakeTimeoutMs ?? 20_000, () => {
        error = 'no CONNECTED frame from the server in time (handshake timeout)';
        phase = 'failed';
        transport.close(4000, 'handshake timeout');
        changed();
      });
      changed();
    },
    received(payload) {
      if (disposed || phase === 'closed' || phase === 'idle') return;
      try {
        const read = readStompFrames(payload);
        if (!read.ok) error = `frame not understood: ${read.error}`;
        else for (const frame of read.frames) onFrame(frame);
        if (phase === 'ready') armIncoming(); // any data from the server counts (§ Heart-beating)
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
      slots.clearAll();
      for (const id of [...pendingReceipts.keys()]) finishReceipt(id, 'closed');
      changed();
    },
    run(command) {
      if (disposed) return { ok: false, error: 'the session has ended' };
      const result = runChecked(command);
      if (result.ok) changed();
      return result;
    },
    status: () => ({
      protocol: 'stomp',
      phase,
      error,
      heartbeats: { sent, received },
      dropped: dropped + messages.dropped + finishedReceipts.dropped,
      version,
      server,
      heartBeat,
      subscriptions: [...subscriptions.values()].map((s) => ({ ...s })),
      receipts: [...finishedReceipts.items(), ...pendingReceipts.values()],
      messages: messages.items(),
      unacked: [...unacked.keys()],
    }),
    classify: (payload) => classifyStomp(payload),
    dispose() {
      disposed = true;
      slots.clearAll();
    },
  };
}
