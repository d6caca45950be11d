import type { ComposerMode, WirePayload } from '../protocol';
import { bytesToBase64 } from './bytes';
import { errorText } from './errors';

export { COMPOSER_MODES, type ComposerMode } from '../protocol';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates JSON; the browser's own parser message says where it failed. */
export function checkJson(input: string): Parsed<unknown> {
  if (input.trim() === '') return { ok: false, error: 'Invalid JSON: the message is empty' };
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch (error) {
    return { ok: false, error: `Invalid JSON: ${errorText(error)}` };
  }
}

export function formatJson(input: string, pretty: boolean): Parsed<string> {
  const parsed = checkJson(input);
  return parsed.ok ? { ok: true, value: JSON.stringify(parsed.value, null, pretty ? 2 : undefined) } : parsed;
}

/** Hex bytes: pairs of digits, optionally separated by spaces, commas, colons or "0x" prefixes. */
export function parseHex(input: string): Parsed<Uint8Array> {
  const digits = input.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  const bad = /[^0-9a-f]/i.exec(digits);
  if (bad) return { ok: false, error: `Invalid hex: "${bad[0]}" is not a hex digit` };
  if (digits.length % 2 !== 0)
    return { ok: false, error: `Invalid hex: ${digits.length} digits is not a whole number of bytes` };
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, value: out };
}

/** Standard or URL-safe base64, whitespace ignored, padding optional. Returns padded base64. */
export function normaliseBase64(input: string): Parsed<string> {
  let s = input.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const bad = /[^A-Za-z0-9+/=]/.exec(s);
  if (bad) return { ok: false, error: `Invalid base64: "${bad[0]}" is not a base64 character` };
  s = s.replace(/=+$/, '');
  if (s.includes('=') || s.length % 4 === 1) return { ok: false, error: 'Invalid base64: wrong length or padding' };
  return { ok: true, value: s + '='.repeat((4 - (s.length % 4)) % 4) };
}

/** What the composer would send for `input` in `mode`, or why it cannot. */
export function buildPayload(mode: ComposerMode, input: string): Parsed<WirePayload> {
  switch (mode) {
    case 'text':
      return { ok: true, value: { kind: 'text', text: input } };
    case 'json': {
      const checked = checkJson(input);
      return checked.ok ? { ok: true, value: { kind: 'text', text: input } } : checked;
    }
    case 'hex': {
      const bytes = parseHex(input);
      return bytes.ok ? { ok: true, value: { kind: 'binary', base64: bytesToBase64(bytes.value) } } : bytes;
    }
    case 'base64': {
      const base64 = normaliseBase64(input);
      return base64.ok ? { ok: true, value: { kind: 'binary', base64: base64.value } } : base64;
    }
  }
}
