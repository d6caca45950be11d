/**
 * Flows over the popup's own connections: a FlowConnector on the background's ConnectionManager,
 * so a running flow's traffic is logged like any connection's (the popup shows it, "Save as
 * flow" can read it back) and the flow outlives the popup, as those connections do.
 */
import { base64ToBytes, bytesToBase64 } from '../core/bytes';
import type { FlowConnector, FlowSocketEvent } from '../flow';
import type { SocketEvent } from '../protocol';
import type { ConnectionManager } from './connection-manager';

export function createManagerFlowConnector(manager: ConnectionManager): FlowConnector {
  return {
    connect(spec) {
      const headers = Object.entries(spec.headers).map(([name, value]) => ({ name, value }));
      const result = manager.connect(spec.url, spec.protocols, false, headers.length > 0 ? headers : undefined);
      if (!result.ok) throw new Error(result.error);
      const { id } = result;
      // Events are held until the engine listens (it does at once, but the contract allows later).
      let held: FlowSocketEvent[] | null = [];
      let listener: (event: FlowSocketEvent) => void = (event) => held?.push(event);
      let closed = false;
      const deliver = (event: FlowSocketEvent) => {
        if (closed) return;
        if (event.type === 'close') {
          closed = true;
          off();
        }
        listener(event);
      };
      const off = manager.onChange((events) => {
        for (const event of events) {
          if (event.socketId !== id) continue;
          for (const out of toFlowEvents(event)) deliver(out);
          if (event.type === 'error') void Promise.resolve().then(closeIfFailed);
        }
      });
      // A connection that failed before it had a socket (handshake headers refused) gets no
      // close event from the manager, only its state: the flow needs a close to stop waiting.
      const closeIfFailed = () => {
        if (manager.summaries().find((s) => s.id === id)?.state === 'closed')
          deliver({ type: 'close', code: 1006, reason: '' });
      };
      return {
        listen(fn) {
          listener = fn;
          for (const event of held ?? []) fn(event);
          held = null;
        },
        send(frame) {
          const payload =
            frame.kind === 'text'
              ? { kind: 'text' as const, text: frame.text }
              : { kind: 'binary' as const, base64: bytesToBase64(frame.bytes) };
          const sent = manager.send(id, payload);
          if (!sent.ok) throw new Error(sent.error);
        },
        close(code, reason) {
          const done = manager.disconnect(id, code, reason);
          if (!done.ok) throw new Error(done.error);
        },
      };
    },
  };
}

function toFlowEvents(event: SocketEvent): FlowSocketEvent[] {
  switch (event.type) {
    case 'created':
      return [];
    case 'open':
      return [{ type: 'open', protocol: event.protocol }];
    case 'frame':
      if (event.direction === 'out') return [];
      return [
        {
          type: 'frame',
          frame:
            event.payload.kind === 'text'
              ? { kind: 'text', text: event.payload.text }
              : { kind: 'binary', bytes: base64ToBytes(event.payload.base64) },
        },
      ];
    case 'error':
      return [{ type: 'error', message: event.message }];
    case 'close':
      return [{ type: 'close', code: event.code, reason: event.reason }];
  }
}
