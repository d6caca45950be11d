/** The steps that open, use and close the connection: connect, send, close. */
import { describeClose } from './closest';
import { decodeBase64, decodeHex, type FlowFrame } from './frames';
import { failed, openConnection, passed, within, type Connection, type RunState, type StepOutcome } from './run-state';
import type { CloseStep, ConnectStep, SendStep } from './types';

export async function runConnect(step: ConnectStep, state: RunState): Promise<StepOutcome> {
  if (state.connection && !state.connection.inbox.closed)
    return failed('already connected: add a close or expect-close step before connecting again');
  const url = state.vars.expand(step.url);
  if (!url.ok) return failed(url.error);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    const expanded = state.vars.expand(value);
    if (!expanded.ok) return failed(`header ${name}: ${expanded.error}`);
    headers[name] = expanded.text;
  }
  const timeoutMs = step.timeoutMs ?? state.defaultTimeoutMs;
  let connection: Connection;
  try {
    connection = openConnection(state, { url: url.text, protocols: step.protocols ?? [], headers });
  } catch (error) {
    return failed(`could not connect to ${url.text}: ${error instanceof Error ? error.message : String(error)}`);
  }
  state.connection = connection;
  state.lastMatch = null;
  const result = await within(state, connection.opened, timeoutMs);
  if (result === 'timeout' || result === 'stopped') {
    closeQuietly(connection);
    state.connection = null;
    return failed(result === 'stopped' ? 'stopped' : `no answer from ${url.text} in ${timeoutMs} ms`);
  }
  if (!result.ok) return failed(`the connection to ${url.text} failed: ${describeClose(result.close)}`);
  const wanted = step.protocols ?? [];
  if (wanted.length > 0 && !wanted.includes(result.protocol))
    return failed(`the server chose subprotocol ${JSON.stringify(result.protocol)}, not one of ${wanted.join(', ')}`);
  return passed;
}

/** The open connection, or why a step cannot use it. */
export function openConnectionOf(
  state: RunState,
): { ok: true; connection: Connection } | { ok: false; outcome: StepOutcome } {
  const connection = state.connection;
  if (!connection) return { ok: false, outcome: failed('not connected: add a connect step first') };
  const closed = connection.inbox.closed;
  if (closed && connection.inbox.pending() === 0)
    return { ok: false, outcome: failed(`the server closed the connection earlier (${describeClose(closed)})`) };
  return { ok: true, connection };
}

export function runSend(step: SendStep, state: RunState): StepOutcome {
  const open = openConnectionOf(state);
  if (!open.ok) return open.outcome;
  if (open.connection.inbox.closed)
    return failed(`the server closed the connection (${describeClose(open.connection.inbox.closed)})`);
  state.vars.nextSend();
  const frame = buildFrame(step, state);
  if (!frame.ok) return failed(frame.error);
  try {
    open.connection.socket.send(frame.frame);
    return passed;
  } catch (error) {
    return failed(`the send failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function buildFrame(step: SendStep, state: RunState): { ok: true; frame: FlowFrame } | { ok: false; error: string } {
  if ('text' in step) {
    const text = state.vars.expand(step.text);
    return text.ok ? { ok: true, frame: { kind: 'text', text: text.text } } : text;
  }
  if ('json' in step) {
    const value = state.vars.expandJson(step.json);
    return value.ok ? { ok: true, frame: { kind: 'text', text: JSON.stringify(value.value) } } : value;
  }
  const bytes = 'hex' in step ? decodeHex(step.hex) : decodeBase64(step.base64);
  return bytes.ok ? { ok: true, frame: { kind: 'binary', bytes: bytes.bytes } } : bytes;
}

/** Closes from the client side and waits for the close to complete; messages still arriving are dropped. */
export async function runClose(step: CloseStep, state: RunState): Promise<StepOutcome> {
  const connection = state.connection;
  if (!connection) return failed('not connected: nothing to close');
  if (connection.inbox.closed)
    return failed(`the server had already closed the connection (${describeClose(connection.inbox.closed)})`);
  try {
    connection.socket.close(step.code ?? 1000, step.reason ?? '');
  } catch (error) {
    return failed(`close failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const timeoutMs = step.timeoutMs ?? state.defaultTimeoutMs;
  const deadline = state.timers.now() + timeoutMs;
  for (;;) {
    const item = await connection.inbox.next(Math.max(1, deadline - state.timers.now()));
    if (item.type === 'close') break;
    if (item.type === 'timeout') return failed(`the close did not complete in ${timeoutMs} ms`);
    if (item.type === 'stopped') return failed('stopped');
  }
  state.connection = null;
  return passed;
}

export function closeQuietly(connection: Connection | null): void {
  if (!connection || connection.inbox.closed) return;
  try {
    connection.socket.close(1000, '');
  } catch {
    // The run is over either way; a socket that refuses to close is the connector's to clean up.
  }
}
