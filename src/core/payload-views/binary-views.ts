import type { WirePayload } from '../../protocol';
import { bytesToBase64, hexDump } from '../bytes';
import { payloadHead } from './payload-head';

export interface HexView {
  /** `offset  16 bytes in hex  ASCII`, one line per 16 bytes (see hexDump). */
  readonly lines: readonly string[];
  readonly shownBytes: number;
  readonly totalBytes: number;
  readonly truncated: boolean;
}

export function hexView(payload: WirePayload, maxBytes: number): HexView {
  const head = payloadHead(payload, maxBytes);
  return {
    lines: hexDump(head.bytes, maxBytes),
    shownBytes: head.bytes.length,
    totalBytes: head.totalBytes,
    truncated: head.truncated,
  };
}

export interface Base64View {
  readonly base64: string;
  readonly shownBytes: number;
  readonly truncated: boolean;
}

/** Base64 of the first `maxBytes` bytes. A binary frame's own base64 is sliced, not re-encoded. */
export function base64View(payload: WirePayload, maxBytes: number): Base64View {
  if (payload.kind === 'binary') {
    const chars = Math.ceil(Math.max(0, maxBytes) / 3) * 4;
    const truncated = payload.base64.length > chars;
    const base64 = truncated ? payload.base64.slice(0, chars) : payload.base64;
    const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
    return { base64, shownBytes: (base64.length / 4) * 3 - padding, truncated };
  }
  const head = payloadHead(payload, maxBytes);
  return { base64: bytesToBase64(head.bytes), shownBytes: head.bytes.length, truncated: head.truncated };
}
