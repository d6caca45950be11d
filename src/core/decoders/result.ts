import type { WirePayload } from '../../protocol';
import { formatBytes, makeVisible, previewPayload } from '../format';
import { previewValue } from '../payload-views';
import type { Decode, DecodedField, DecodeResult, DecoderId } from './types';

export const SUMMARY_CHARS = 200;

/** Makes a summary safe for one list row: control characters visible, length capped. */
export function oneLine(text: string, maxChars = SUMMARY_CHARS): string {
  const visible = makeVisible(text);
  return visible.length > maxChars ? visible.slice(0, maxChars - 1) + '…' : visible;
}

/** Short preview of a value inside a summary. */
export const brief = (value: unknown, maxChars = 80) => previewValue(value, maxChars);

/** `12 B`, or `≥ 1.0 MiB` when only part was read. */
export const sizeText = (bytes: number, atLeast = false) => (atLeast ? `≥ ${formatBytes(bytes)}` : formatBytes(bytes));

/** Builds the ordered field list, leaving out absent values. */
export function fieldList(entries: readonly (readonly [string, unknown])[]): DecodedField[] {
  const fields: DecodedField[] = [];
  for (const [name, value] of entries) {
    if (value === undefined || value === null || value === '') continue;
    fields.push({ name, value: typeof value === 'string' ? value : previewValue(value, 200) });
  }
  return fields;
}

/** A frame this decoder cannot read: says why; the summary still shows what the frame holds. */
export function failure(
  decoder: DecoderId,
  error: string,
  payload: WirePayload,
  extra: Partial<DecodeResult> = {},
): DecodeResult {
  const preview = payload.kind === 'text' && payload.text === '' ? '(empty)' : safePreview(payload);
  return { decoder, summary: oneLine(`[${error}] ${preview}`), fields: [], ...extra, error };
}

function safePreview(payload: WirePayload): string {
  try {
    return previewPayload(payload, 80);
  } catch {
    // Only a binary payload whose base64 is corrupt gets here; the error already says so.
    return '(unreadable payload)';
  }
}

/**
 * Decoders are written not to throw; this is the net under them, so that a bug shows as an
 * error on one frame instead of breaking the list. The fuzz test checks it is never needed.
 */
export function neverThrows(decoder: DecoderId, decode: Decode): Decode {
  return (payload, context) => {
    try {
      return decode(payload, context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return failure(decoder, `decoder failed: ${message}`, payload);
    }
  };
}
