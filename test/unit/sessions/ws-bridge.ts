import WebSocket from 'ws';
import type { WirePayload } from '../../../src/protocol';
import { systemTimers } from '../../../src/sessions/timers';
import type { ProtocolSession, SessionDeps, SessionStatusBase, SessionTransport } from '../../../src/sessions/types';

/** Drives a session over a real `ws` client socket, as the background will over its own sockets. */
export interface Bridged<S> {
  readonly session: S;
  readonly frames: { direction: 'in' | 'out'; payload: WirePayload }[];
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function bridge<C, St extends SessionStatusBase, S extends ProtocolSession<C, St>>(
  url: string,
  protocols: readonly string[],
  create: (deps: SessionDeps) => S,
): Bridged<S> {
  const ws = new WebSocket(url, [...protocols]);
  const frames: Bridged<S>['frames'] = [];
  const transport: SessionTransport = {
    send(payload) {
      frames.push({ direction: 'out', payload });
      ws.send(payload.kind === 'text' ? payload.text : Buffer.from(payload.base64, 'base64'));
    },
    close: (code, reason) => ws.close(code, reason),
  };
  const session = create({ transport, timers: systemTimers });
  ws.on('open', () => session.opened());
  ws.on('message', (data: Buffer, isBinary) => {
    const payload: WirePayload = isBinary
      ? { kind: 'binary', base64: data.toString('base64') }
      : { kind: 'text', text: data.toString('utf8') };
    frames.push({ direction: 'in', payload });
    session.received(payload);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      session.closed(code, reason.toString());
      resolve({ code, reason: reason.toString() });
    });
  });
  ws.on('error', () => undefined);
  return { session, frames, closed, close: () => ws.close(1000, 'test done') };
}

/** Resolves when `check` holds, polling; rejects after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
