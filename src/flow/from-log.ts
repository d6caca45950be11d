/**
 * "Save as flow": a connection's log turned into a flow that replays it. Each socket creation
 * becomes a connect, each sent frame a send (its exact text or bytes), each received frame an
 * expect the user can then loosen: a JSON subset for JSON objects and arrays (the whole value, so
 * deleting members makes it looser), exact text otherwise, bytes for binary.
 */
import { base64ByteLength, base64ToBytes } from '../core/bytes';
import type { SocketEvent, WirePayload } from '../protocol';
import { toHex } from './frames';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './schema-fields';
import { FLOW_LIMITS, FLOW_VERSION, type Flow, type FlowStep } from './types';

export interface FromLogOptions {
  readonly name?: string;
  /** The socket whose events to use; defaults to the first event's socket. */
  readonly socketId?: string;
  /** Handshake headers the connection was opened with (the log does not keep them). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Used when the log has no "created" event (a socket seen only from its first send). */
  readonly url?: string;
}

export type FromLogResult =
  | {
      readonly ok: true;
      readonly flow: Flow;
      /** Events left out because the flow reached its step limit. */ readonly truncated: number;
    }
  | { readonly ok: false; readonly error: string };

/** Binary payloads up to this size are written as hex (readable, editable); larger ones as base64. */
const HEX_UP_TO = 256;

export function fromLog(events: readonly SocketEvent[], options: FromLogOptions = {}): FromLogResult {
  const socketId = options.socketId ?? events[0]?.socketId;
  const mine = events.filter((event) => event.socketId === socketId);
  const steps: FlowStep[] = [];
  const limit = FLOW_LIMITS.maxSteps;
  let truncated = 0;
  let connected = false;
  let firstUrl: string | undefined;
  const push = (step: FlowStep) => (steps.length < limit ? void steps.push(step) : void truncated++);
  const connect = (url: string, protocols: readonly string[]) => {
    push({
      kind: 'connect',
      url,
      ...(protocols.length > 0 ? { protocols: [...protocols] } : {}),
      ...(options.headers ? { headers: { ...options.headers } } : {}),
    });
    connected = true;
    firstUrl ??= url;
  };
  for (const event of mine) {
    if (event.type === 'created') connect(event.url, event.protocols);
    if (event.type === 'frame') {
      // A fake incoming frame never came from the server; a blocked one never reached its peer.
      if (event.mark?.kind === 'fake' || event.mark?.kind === 'blocked') continue;
      if (!connected) {
        if (!options.url) return { ok: false, error: 'the log does not say where the socket connected: pass a url' };
        connect(options.url, []);
      }
      push(event.direction === 'out' ? { kind: 'send', ...payloadOf(event.payload) } : expectOf(event.payload));
    }
    if (event.type === 'close' && connected) {
      push(closeStepOf(event.code));
      connected = false;
    }
  }
  if (steps.length === 0) return { ok: false, error: 'the log has no events of that socket' };
  if (connected) push({ kind: 'close' });
  const name = options.name ?? `Replay of ${firstUrl ?? options.url ?? 'a connection'}`;
  return { ok: true, flow: { version: FLOW_VERSION, name, steps }, truncated };
}

function payloadOf(payload: WirePayload): { text: string } | { hex: string } | { base64: string } {
  if (payload.kind === 'text') return { text: payload.text };
  return base64ByteLength(payload.base64) <= HEX_UP_TO
    ? { hex: toHex(base64ToBytes(payload.base64)) }
    : { base64: payload.base64 };
}

function expectOf(payload: WirePayload): FlowStep {
  if (payload.kind === 'text') {
    const json = jsonContainer(payload.text);
    return json === undefined ? { kind: 'expect', text: payload.text } : { kind: 'expect', json };
  }
  return { kind: 'expect', ...payloadOf(payload) };
}

/** The text's JSON when it is an object or an array; scalars stay exact text ("1" vs "1.0"). */
function jsonContainer(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return nestsDeeperThan(value, MAX_JSON_DEPTH) ? undefined : value;
  } catch {
    return undefined;
  }
}

/**
 * The log does not say who closed. 1000 and 1005 are what a client's own close gives, so the
 * flow closes; any other code most likely came from the server, so the flow expects it.
 */
function closeStepOf(code: number): FlowStep {
  if (code === 1000 || code === 1005) return { kind: 'close' };
  return code > 1000 && code <= 4999 ? { kind: 'expect-close', code } : { kind: 'expect-close' };
}
