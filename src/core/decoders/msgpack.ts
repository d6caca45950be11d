import { decode } from '@msgpack/msgpack';
import type { WirePayload } from '../../protocol';
import { readBytes } from './input';
import { brief, failure, fieldList, neverThrows, oneLine, sizeText } from './result';
import type { DecodeResult } from './types';

/** MessagePack (https://msgpack.org), decoded with @msgpack/msgpack (timestamps become Dates). */
export const decodeMsgPack = neverThrows('msgpack', (payload: WirePayload, context): DecodeResult => {
  if (payload.kind === 'text') return failure('msgpack', 'MessagePack is binary, this is a text frame', payload);
  const head = readBytes(payload, context);
  if (!head.ok) return failure('msgpack', head.error, payload);
  const { bytes, totalBytes, truncated } = head.value;
  const size = sizeText(totalBytes);
  if (truncated) {
    // MessagePack cannot be read in part; say so rather than fail.
    return {
      decoder: 'msgpack',
      type: 'value',
      summary: `MessagePack (${size}, larger than the decode limit)`,
      fields: fieldList([['size', size]]),
      truncated: true,
    };
  }
  if (bytes.length === 0) return failure('msgpack', 'empty frame', payload);
  let value: unknown;
  try {
    // Each element takes at least one byte: lengths above the frame size are lies, refuse them early.
    const limit = bytes.length;
    value = decode(bytes, {
      maxStrLength: limit,
      maxBinLength: limit,
      maxArrayLength: limit,
      maxMapLength: limit,
      maxExtLength: limit,
    });
  } catch (error) {
    return failure('msgpack', `not MessagePack: ${error instanceof Error ? error.message : String(error)}`, payload);
  }
  return {
    decoder: 'msgpack',
    type: kindOf(value),
    summary: oneLine(`${brief(value, 120)} (${size})`),
    fields: fieldList([
      ['format', 'MessagePack'],
      ['size', size],
      ['type', kindOf(value)],
    ]),
    body: value,
  };
});

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map) return 'map';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return 'timestamp';
  return typeof value === 'object' ? 'map' : typeof value;
}
