/** Exact-bytes helpers: base64 is how binary payloads cross JSON-serialising runtime ports. */
import type { WirePayload } from '../protocol';

type NativeBase64 = { toBase64?: (this: Uint8Array) => string };
type NativeFromBase64 = { fromBase64?: (s: string) => Uint8Array };

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  // Native since Chromium 140 / Firefox 133; much faster than the btoa fallback.
  const native = (Uint8Array.prototype as NativeBase64).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const native = (Uint8Array as unknown as NativeFromBase64).fromBase64;
  if (native) return native(base64);
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The first `maxBytes` bytes of a base64 payload, decoding only what is needed. Slicing base64
 * must keep whole 4-character groups: a cut group is invalid input to the decoder.
 */
export function base64Head(base64: string, maxBytes: number): Uint8Array {
  return base64ToBytes(base64.slice(0, Math.ceil(maxBytes / 3) * 4)).subarray(0, maxBytes);
}

/** Length of the bytes a base64 string encodes, without decoding it. */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

const utf8Encoder = new TextEncoder();

/** Number of bytes a string takes as UTF-8 on the wire (what a text frame carries). */
export function utf8ByteLength(text: string): number {
  // Fast path: count without allocating for ASCII-heavy text.
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Hex dump lines: offset, 16 bytes in hex, printable ASCII. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string[] {
  const lines: string[] = [];
  const end = Math.min(bytes.length, maxBytes);
  for (let offset = 0; offset < end; offset += 16) {
    const row = bytes.subarray(offset, Math.min(offset + 16, end));
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      const b = row[i];
      hex += b === undefined ? '   ' : b.toString(16).padStart(2, '0') + ' ';
      if (i === 7) hex += ' ';
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex} ${ascii}`);
  }
  return lines;
}

/** A socket's message data (string, ArrayBuffer or view) as it travels between contexts. */
export function wirePayloadOf(data: unknown): WirePayload | null {
  if (typeof data === 'string') return { kind: 'text', text: data };
  if (data instanceof ArrayBuffer) return { kind: 'binary', base64: bytesToBase64(new Uint8Array(data)) };
  if (ArrayBuffer.isView(data)) {
    return { kind: 'binary', base64: bytesToBase64(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) };
  }
  return null;
}
