import type { WirePayload } from '../protocol';
import { base64ByteLength, base64Head, utf8ByteLength } from './bytes';

export function payloadByteLength(payload: WirePayload): number {
  return payload.kind === 'text' ? utf8ByteLength(payload.text) : base64ByteLength(payload.base64);
}

/** Local wall-clock time with milliseconds: 14:03:07.412 */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const PREVIEW_BYTES = 48;

/**
 * One line for a list row. Never decodes a whole large frame: text is cut before anything else
 * touches it, binary shows its first bytes in hex. Control characters become visible symbols so
 * a hostile payload cannot break the row (newlines, bidi overrides, zero-width characters).
 */
export function previewPayload(payload: WirePayload, maxChars = 200): string {
  if (payload.kind === 'text') {
    if (payload.text.length <= maxChars) return makeVisible(payload.text);
    // Do not cut a surrogate pair in half (it would render as U+FFFD).
    const cut = isHighSurrogate(payload.text.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return makeVisible(payload.text.slice(0, cut)) + '…';
  }
  const bytes = base64Head(payload.base64, PREVIEW_BYTES);
  const hex = Array.from(bytes.subarray(0, PREVIEW_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return base64ByteLength(payload.base64) > PREVIEW_BYTES ? hex + ' …' : hex;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Replaces C0/C1 controls, line/paragraph separators (mandatory breaks, UAX #14), bidi controls
 * and zero-width characters with visible marks.
 */
export function makeVisible(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching the controls is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀..␟ control pictures
    return `\\u{${code.toString(16)}}`;
  });
}
