import type { WirePayload } from '../protocol';
import { base64ToBytes, bytesToBase64, utf8Encode } from '../core/bytes';
import { parseStompFrames, type StompFrame } from '../core/decoders/stomp-frame';
import type { FrameClass } from './types';
import type { StompHeaders } from './stomp-messages';

/** STOMP frames as a client writes them (https://stomp.github.io/stomp-specification-1.2.html). */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', ':': '\\c', '\r': '\\r' };
/** § Value Encoding: every frame but CONNECT and CONNECTED escapes these four. */
const escape = (s: string) => s.replace(/[\\\n:\r]/g, (c) => ESCAPES[c] ?? c);

export function stompFrame(command: string, headers: StompHeaders, body: Uint8Array | string = ''): WirePayload {
  const escaped = command !== 'CONNECT';
  const lines = headers.map(([name, value]) => (escaped ? `${escape(name)}:${escape(value)}` : `${name}:${value}`));
  const head = `${command}\n${lines.join('\n')}${lines.length ? '\n' : ''}\n`;
  if (typeof body === 'string') return { kind: 'text', text: `${head}${body}\0` };
  const headBytes = utf8Encode(head);
  const bytes = new Uint8Array(headBytes.length + body.length + 1);
  bytes.set(headBytes);
  bytes.set(body, headBytes.length);
  return { kind: 'binary', base64: bytesToBase64(bytes) };
}

export type ReadFrames =
  { readonly ok: true; readonly frames: StompFrame[] } | { readonly ok: false; readonly error: string };

export function readStompFrames(payload: WirePayload): ReadFrames {
  try {
    const bytes = payload.kind === 'text' ? utf8Encode(payload.text) : base64ToBytes(payload.base64);
    const frames = parseStompFrames(bytes, false);
    return typeof frames === 'string' ? { ok: false, error: frames } : { ok: true, frames };
  } catch {
    return { ok: false, error: 'frame is not valid base64' };
  }
}

export const header = (frame: StompFrame, name: string) => frame.headers.find(([n]) => n === name)?.[1];

/**
 * § Heart-beating: each side sends every max(its offer, the other's wish), or never when either is 0.
 * `client`/`server` are [can send, wants to receive] in ms.
 */
export function negotiateHeartBeat(client: readonly [number, number], serverHeader: string | undefined) {
  const [sx, sy] = (serverHeader ?? '0,0').split(',').map((n) => Number.parseInt(n, 10));
  const serverSends = Number.isFinite(sx) && (sx as number) > 0 ? (sx as number) : 0;
  const serverWants = Number.isFinite(sy) && (sy as number) > 0 ? (sy as number) : 0;
  const outgoingMs = client[0] === 0 || serverWants === 0 ? 0 : Math.max(client[0], serverWants);
  const incomingMs = client[1] === 0 || serverSends === 0 ? 0 : Math.max(client[1], serverSends);
  return { outgoingMs, incomingMs };
}

const HANDSHAKE = new Set(['CONNECT', 'STOMP', 'CONNECTED']);
const MESSAGES = new Set(['SEND', 'MESSAGE']);

export function classifyStomp(payload: WirePayload): FrameClass {
  const read = readStompFrames(payload);
  if (!read.ok) return 'unknown';
  const command = read.frames[0]?.command ?? '';
  if (command === '') return 'heartbeat';
  if (HANDSHAKE.has(command)) return 'handshake';
  if (command === 'ERROR') return 'error';
  return MESSAGES.has(command) ? 'message' : 'control';
}
