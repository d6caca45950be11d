/** What the steps of one run share: the socket, its inbox, the variables, the last match. */
import type { FlowConnector, FlowSocket } from './connector';
import type { FlowFrame } from './frames';
import { createInbox, type CloseInfo, type FlowTimers, type Inbox } from './inbox';
import type { FlowVariables } from './variables';

export type StepOutcome =
  { readonly ok: true } | { readonly ok: false; readonly message: string; readonly details: readonly string[] };

export const passed: StepOutcome = { ok: true };
export const failed = (message: string, details: readonly string[] = []): StepOutcome => ({
  ok: false,
  message,
  details,
});

export interface Connection {
  readonly socket: FlowSocket;
  readonly inbox: Inbox;
  /** Resolves when the handshake ends: opened, or closed/failed before opening. */
  readonly opened: Promise<{ ok: true; protocol: string } | { ok: false; close: CloseInfo }>;
}

export interface RunState {
  readonly connector: FlowConnector;
  readonly timers: FlowTimers;
  readonly vars: FlowVariables;
  readonly defaultTimeoutMs: number;
  readonly inboxCapacity: number;
  connection: Connection | null;
  /** The message the last passing expect matched, and its JSON when it was parsed: extract reads it. */
  lastMatch: { readonly frame: FlowFrame; readonly json?: unknown } | null;
  /** Resolves once the caller stops the run; every wait races it. */
  readonly stopping: Promise<'stopped'>;
}

/** `promise`'s value, or 'timeout' after `ms`, or 'stopped' when the run is stopped first. */
export async function within<T>(state: RunState, promise: Promise<T>, ms: number): Promise<T | 'timeout' | 'stopped'> {
  let timer: unknown;
  const timeout = new Promise<'timeout'>((resolve) => (timer = state.timers.setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise, timeout, state.stopping]);
  } finally {
    state.timers.clearTimeout(timer);
  }
}

/** Opens a socket through the connector and routes its events into a fresh inbox. */
export function openConnection(state: RunState, spec: Parameters<FlowConnector['connect']>[0]): Connection {
  const inbox = createInbox(state.timers, state.inboxCapacity);
  const socket = state.connector.connect(spec);
  let lastError: string | undefined;
  let settle: (result: Awaited<Connection['opened']>) => void = () => {};
  const opened = new Promise<Awaited<Connection['opened']>>((resolve) => (settle = resolve));
  socket.listen((event) => {
    switch (event.type) {
      case 'open':
        return settle({ ok: true, protocol: event.protocol });
      case 'frame':
        return inbox.pushFrame(event.frame);
      case 'error':
        lastError = event.message;
        return;
      case 'close': {
        const close: CloseInfo = { code: event.code, reason: event.reason, ...(lastError ? { error: lastError } : {}) };
        inbox.pushClose(close);
        return settle({ ok: false, close });
      }
    }
  });
  return { socket, inbox, opened };
}
