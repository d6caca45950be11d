import type { WirePayload } from '../../protocol';
import { parseJson } from '../payload-views';
import { readBytes } from './input';
import { failure, fieldList, neverThrows, oneLine, sizeText } from './result';
import { parseStompFrames, type StompFrame } from './stomp-frame';
import type { DecodeContext, DecodeResult } from './types';

/** STOMP 1.0–1.2 over WebSocket (text or binary frames; several STOMP frames per message allowed). */
export const decodeStomp = neverThrows('stomp', (payload: WirePayload, context: DecodeContext): DecodeResult => {
  const head = readBytes(payload, context);
  if (!head.ok) return failure('stomp', head.error, payload);
  const frames = parseStompFrames(head.value.bytes, head.value.truncated);
  if (typeof frames === 'string') return failure('stomp', frames, payload);
  const results = frames.map(describeStompFrame);
  if (results.length === 1)
    return { ...(results[0] as DecodeResult), ...(head.value.truncated ? { truncated: true } : {}) };
  return {
    decoder: 'stomp',
    type: 'frames',
    summary: oneLine(`${results.length} frames: ${results.map((r) => r.summary).join(' | ')}`),
    fields: [{ name: 'frames', value: String(results.length) }],
    parts: results,
  };
});

/** Decodes one STOMP frame given as a string (e.g. inside a SockJS message). */
export function decodeStompText(text: string): DecodeResult {
  const frames = parseStompFrames(new TextEncoder().encode(text), false);
  if (typeof frames === 'string') return failure('stomp', frames, { kind: 'text', text });
  const results = frames.map(describeStompFrame);
  return results.length === 1
    ? (results[0] as DecodeResult)
    : {
        decoder: 'stomp',
        type: 'frames',
        summary: oneLine(results.map((r) => r.summary).join(' | ')),
        fields: [],
        parts: results,
      };
}

/** The header that best names each command's target in a summary. */
const SUMMARY_HEADERS: Record<string, readonly string[]> = {
  CONNECT: ['host', 'accept-version', 'login'],
  STOMP: ['host', 'accept-version', 'login'],
  CONNECTED: ['version', 'server', 'heart-beat'],
  SUBSCRIBE: ['id', 'ack'],
  UNSUBSCRIBE: ['id'],
  ACK: ['id', 'transaction'],
  NACK: ['id', 'transaction'],
  BEGIN: ['transaction'],
  COMMIT: ['transaction'],
  ABORT: ['transaction'],
  DISCONNECT: ['receipt'],
  RECEIPT: ['receipt-id'],
  MESSAGE: ['subscription'],
  SEND: ['transaction'],
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describeStompFrame(frame: StompFrame): DecodeResult {
  if (frame.command === '') return { decoder: 'stomp', type: 'heartbeat', summary: 'heartbeat', fields: [] };
  const header = (name: string) => frame.headers.find(([n]) => n === name)?.[1];
  const declared = header('content-length');
  const bodySize = declared !== undefined ? sizeText(Number(declared)) : sizeText(frame.body.length, frame.bodyCut);
  const hasBody = frame.body.length > 0 || (declared !== undefined && declared !== '0');
  const parts: string[] = [frame.command];
  const destination = header('destination');
  if (destination !== undefined) parts.push(destination);
  for (const name of SUMMARY_HEADERS[frame.command] ?? []) {
    const value = header(name);
    if (value !== undefined) parts.push(`${name}=${value}`);
  }
  if (frame.command === 'ERROR') parts.push(header('message') ?? '');
  const receipt = header('receipt');
  if (receipt !== undefined && frame.command !== 'DISCONNECT') parts.push(`receipt=${receipt}`);
  if (hasBody || frame.command === 'SEND' || frame.command === 'MESSAGE') parts.push(`(${bodySize})`);
  const fields = fieldList([
    ['command', frame.command],
    ...frame.headers.map(([n, v]) => [n, v] as const),
    ['body size', hasBody ? bodySize : undefined],
  ]);
  const body = describeBody(frame, header('content-type'));
  return {
    decoder: 'stomp',
    type: frame.command,
    summary: oneLine(parts.join(' ')),
    fields,
    ...(body === undefined ? {} : { body }),
  };
}

/** JSON when it parses, text when it is UTF-8, bytes otherwise. */
function describeBody(frame: StompFrame, contentType: string | undefined): unknown {
  if (frame.body.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(frame.body, { stream: frame.bodyCut });
  } catch {
    return frame.body;
  }
  if (!frame.bodyCut && (contentType?.includes('json') || /^\s*[[{]/.test(text))) {
    const json = parseJson(text);
    if (json.ok) return json.value;
  }
  return text;
}
