/** Frames as the engine sees them, and how a report shows them: untrusted text, made printable. */
import { base64ToBytes } from '../core/bytes';
import { normaliseBase64, parseHex } from '../core/composer';

/** One WebSocket message. `kind` is the opcode the socket reported, never guessed from content. */
export type FlowFrame =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly bytes: Uint8Array };

/**
 * Hex as flows write it: bytes of two digits, each optionally prefixed by 0x, separated by
 * nothing, spaces, commas or colons. The published schema uses the same pattern.
 */
export const HEX_PATTERN = '^[\\s,:]*(?:(?:0[xX])?[0-9a-fA-F]{2}[\\s,:]*)*$';
/** Standard or URL-safe base64 characters; padding and length are checked by the loader. */
export const BASE64_PATTERN = '^[A-Za-z0-9+/_\\-\\s]*=?=?\\s*$';

const HEX = new RegExp(HEX_PATTERN);

export function decodeHex(input: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  if (!HEX.test(input)) return { ok: false, error: 'not hex: write bytes as pairs of digits, like "0a ff 01"' };
  const parsed = parseHex(input);
  return parsed.ok ? { ok: true, bytes: parsed.value } : { ok: false, error: parsed.error };
}

export function decodeBase64(input: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const normal = normaliseBase64(input);
  if (!normal.ok) return { ok: false, error: normal.error };
  try {
    return { ok: true, bytes: base64ToBytes(normal.value) };
  } catch {
    return { ok: false, error: 'Invalid base64' };
  }
}

export function toHex(bytes: Uint8Array, maxBytes = bytes.length): string {
  let out = '';
  const end = Math.min(bytes.length, maxBytes);
  for (let i = 0; i < end; i++) out += (i > 0 ? ' ' : '') + (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return end < bytes.length ? `${out} … (${bytes.length} bytes)` : out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const PREVIEW_CHARS = 200;

/** Characters a terminal or a log line must not get raw: C0/C1 controls and line separators. */
// eslint-disable-next-line no-control-regex
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const QUOTED_ESCAPES = new RegExp(`${UNPRINTABLE.source.slice(0, -1)}"\\\\]`, 'g');

/** \u escape of one character. */
export const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text quoted for a report line: control characters, quotes and backslashes escaped (a frame
 * must not move a terminal's cursor or forge report lines), cut at `max` characters.
 */
export function quote(text: string, max = PREVIEW_CHARS): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = cut.replace(QUOTED_ESCAPES, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    if (c === '"' || c === '\\') return `\\${c}`;
    return unicodeEscape(c);
  });
  return `"${escaped}"${text.length > max ? `… (${text.length} chars)` : ''}`;
}

export function previewFrame(frame: FlowFrame): string {
  return frame.kind === 'text' ? `text ${quote(frame.text)}` : `binary ${toHex(frame.bytes, 32)}`;
}
