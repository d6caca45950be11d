import type { WirePayload } from '../../protocol';
import { DETAIL_LIMIT_BYTES, parseJson, payloadHead, textHead, type PayloadHead } from '../payload-views';
import { parseJsonPrefix } from './json-prefix';
import type { DecodeContext } from './types';

export const DEFAULT_DECODE_LIMIT = DETAIL_LIMIT_BYTES;

export const decodeLimit = (context: DecodeContext) => Math.max(0, context.maxBytes ?? DEFAULT_DECODE_LIMIT);

export interface TextInput {
  readonly text: string;
  readonly truncated: boolean;
}

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The frame as text, at most the decode limit. A binary frame must be valid UTF-8 to count. */
export function readText(payload: WirePayload, context: DecodeContext): Read<TextInput> {
  const limit = decodeLimit(context);
  if (payload.kind === 'text') return { ok: true, value: textHead(payload.text, limit) };
  const head = readBytes(payload, context);
  if (!head.ok) return head;
  try {
    // stream: a multi-byte character cut by the limit is not an error.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head.value.bytes, { stream: head.value.truncated });
    return { ok: true, value: { text, truncated: head.value.truncated } };
  } catch {
    return { ok: false, error: 'binary frame is not UTF-8 text' };
  }
}

export function readBytes(payload: WirePayload, context: DecodeContext): Read<PayloadHead> {
  try {
    return { ok: true, value: payloadHead(payload, decodeLimit(context)) };
  } catch {
    return { ok: false, error: 'payload is not valid base64' };
  }
}

export interface JsonInput {
  readonly value: unknown;
  readonly truncated: boolean;
}

/** JSON of a text that may have been cut at the decode limit (then read as a prefix). */
export function readJsonText(input: TextInput): Read<JsonInput> {
  if (input.truncated) {
    const value = parseJsonPrefix(input.text);
    return value === undefined ? { ok: false, error: 'not JSON' } : { ok: true, value: { value, truncated: true } };
  }
  if (input.text.trim() === '') return { ok: false, error: 'empty' };
  const parsed = parseJson(input.text);
  return parsed.ok
    ? { ok: true, value: { value: parsed.value, truncated: false } }
    : { ok: false, error: `invalid JSON: ${parsed.error}` };
}

export function readJson(payload: WirePayload, context: DecodeContext): Read<JsonInput> {
  const text = readText(payload, context);
  return text.ok ? readJsonText(text.value) : text;
}
