import { base64ToBytes } from '../../core/bytes';
import { payloadByteLength } from '../../core/format';
import { jsonView, textView } from '../../core/payload-views';
import type { WirePayload } from '../../protocol';

/**
 * What the detail pane's copy buttons put on the clipboard: always the whole frame (not the
 * size-limited view), so what is pasted is exactly what went on the wire.
 */
export type CopyFormat = 'text' | 'json' | 'hex' | 'code';

export type CopyResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** The frame as text; invalid UTF-8 in a binary frame shows as `\x80` escapes. */
export const copyText = (p: WirePayload): string =>
  p.kind === 'text' ? p.text : textView(p, payloadByteLength(p)).rendered;

/** Every byte as two hex digits, space separated (text frames as their UTF-8 bytes). */
export function copyHex(p: WirePayload): string {
  const bytes = p.kind === 'binary' ? base64ToBytes(p.base64) : new TextEncoder().encode(p.text);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (i ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return out;
}

/** Pretty-printed JSON, or why the frame is not JSON. */
export function copyJson(p: WirePayload): CopyResult {
  const view = jsonView(p, payloadByteLength(p));
  return view.ok
    ? { ok: true, text: JSON.stringify(view.value, null, 2) }
    : { ok: false, error: `Not JSON: ${view.error}` };
}

/**
 * A `ws.send(...)` line that sends the same frame again: a string literal for text frames
 * (JSON.stringify escapes quotes, controls and lone surrogates), the exact bytes for binary.
 */
export function copyAsCode(p: WirePayload, socketName = 'ws'): string {
  if (p.kind === 'text') return `${socketName}.send(${JSON.stringify(p.text)});`;
  return `${socketName}.send(Uint8Array.from(atob(${JSON.stringify(p.base64)}), (c) => c.charCodeAt(0)));`;
}

export function copyAs(format: CopyFormat, p: WirePayload): CopyResult {
  switch (format) {
    case 'text':
      return { ok: true, text: copyText(p) };
    case 'json':
      return copyJson(p);
    case 'hex':
      return { ok: true, text: copyHex(p) };
    case 'code':
      return { ok: true, text: copyAsCode(p) };
  }
}
