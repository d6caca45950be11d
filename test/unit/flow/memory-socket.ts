/**
 * In-memory sockets for engine tests: a connector whose "server" is a function the test writes.
 * Events reach the engine on a later microtask, as a real socket's would.
 */
import type { ConnectSpec, FlowConnector, FlowFrame, FlowSocket, FlowSocketEvent } from '../../../src/flow';

export interface MemoryPeer {
  readonly spec: ConnectSpec;
  /** Frames the flow sent, in order. */
  readonly received: FlowFrame[];
  /** The close the flow asked for, if it did. */
  closedByClient: { code: number; reason: string } | null;
  open(protocol?: string): void;
  send(frame: FlowFrame | string): void;
  close(code: number, reason?: string): void;
  fail(message: string): void;
  onMessage(handler: (frame: FlowFrame) => void): void;
}

export type MemoryServer = (peer: MemoryPeer) => void;

const later = (fn: () => void) => void Promise.resolve().then(fn);

export function createMemoryConnector(server: MemoryServer): FlowConnector & { peers: MemoryPeer[] } {
  const peers: MemoryPeer[] = [];
  return {
    peers,
    connect(spec) {
      let listener: (event: FlowSocketEvent) => void = () => {};
      let handler: (frame: FlowFrame) => void = () => {};
      let closed = false;
      const emit = (event: FlowSocketEvent) =>
        later(() => {
          if (closed) return;
          if (event.type === 'close') closed = true;
          listener(event);
        });
      const peer: MemoryPeer = {
        spec,
        received: [],
        closedByClient: null,
        open: (protocol = '') => emit({ type: 'open', protocol }),
        send: (frame) =>
          emit({ type: 'frame', frame: typeof frame === 'string' ? { kind: 'text', text: frame } : frame }),
        close: (code, reason = '') => emit({ type: 'close', code, reason }),
        fail(message) {
          emit({ type: 'error', message });
          emit({ type: 'close', code: 1006, reason: '' });
        },
        onMessage: (fn) => void (handler = fn),
      };
      peers.push(peer);
      const socket: FlowSocket = {
        listen: (fn) => void (listener = fn),
        send(frame) {
          if (closed) throw new Error('socket is closed');
          peer.received.push(frame);
          later(() => handler(frame));
        },
        close(code, reason) {
          peer.closedByClient = { code, reason };
          emit({ type: 'close', code, reason });
        },
      };
      later(() => server(peer));
      return socket;
    },
  };
}

/** A server that accepts (first offered subprotocol) and echoes every message. */
export const echoServer: MemoryServer = (peer) => {
  peer.open(peer.spec.protocols[0] ?? '');
  peer.onMessage((frame) => peer.send(frame));
};

export const text = (value: string): FlowFrame => ({ kind: 'text', text: value });
