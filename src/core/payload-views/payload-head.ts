import type { WirePayload } from '../../protocol';
import { base64ByteLength, base64Head, utf8Encode } from '../bytes';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** How much of a frame the list row may touch, and the detail pane's default. */
export const ROW_LIMIT_BYTES = 16 * KiB;
export const DETAIL_LIMIT_BYTES = 1 * MiB;
/** Steps the detail pane may offer for "show more" ("first 1 MiB", …). */
export const DETAIL_LIMIT_STEPS: readonly number[] = [64 * KiB, 1 * MiB, 16 * MiB];

/** The first bytes of a frame, decoded without touching the rest. */
export interface PayloadHead {
  readonly bytes: Uint8Array;
  /** Bytes in the whole frame; for a long text frame only a lower bound (`truncated` is then true). */
  readonly totalBytes: number;
  readonly truncated: boolean;
}

/** The first `maxBytes` bytes of a payload (text frames as UTF-8, as they went on the wire). */
export function payloadHead(payload: WirePayload, maxBytes: number): PayloadHead {
  const limit = Math.max(0, Math.floor(maxBytes));
  if (payload.kind === 'binary') {
    const totalBytes = base64ByteLength(payload.base64);
    // 3 bytes per 4 base64 characters: slicing on a multiple of 4 keeps the prefix valid base64.
    const bytes = base64Head(payload.base64, limit);
    return { bytes, totalBytes, truncated: totalBytes > bytes.length };
  }
  const { text, truncated } = textHead(payload.text, limit);
  const encoded = utf8Encode(text);
  const bytes = encoded.subarray(0, limit);
  return { bytes, totalBytes: truncated ? limit : encoded.length, truncated: truncated || encoded.length > limit };
}

/**
 * At most `maxChars` UTF-16 units of a string, not cutting a surrogate pair. A UTF-8 byte is at
 * least one unit, so `maxChars = maxBytes` never cuts less text than a byte budget would.
 */
export function textHead(text: string, maxChars: number): { readonly text: string; readonly truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const last = text.charCodeAt(maxChars - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars;
  return { text: text.slice(0, cut), truncated: true };
}
