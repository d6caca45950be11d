import { CBORTag, decodePartialCBOR } from '@levischuck/tiny-cbor';
import type { WirePayload } from '../../protocol';
import { readBytes } from './input';
import { kindOf } from './msgpack';
import { brief, failure, fieldList, neverThrows, oneLine, sizeText } from './result';
import type { DecodeResult } from './types';

/** Items read from one frame holding a CBOR sequence (RFC 8742) before giving up. */
const MAX_SEQUENCE_ITEMS = 1000;
const MAX_TAG_DEPTH = 64;

/**
 * CBOR (RFC 8949), decoded with @levischuck/tiny-cbor (3.5 KB). It reads definite lengths,
 * integers up to 2^64, floats 32/64 and tags; it refuses indefinite lengths and most float16s,
 * which then show as an error naming the reason.
 */
export const decodeCbor = neverThrows('cbor', (payload: WirePayload, context): DecodeResult => {
  if (payload.kind === 'text') return failure('cbor', 'CBOR is binary, this is a text frame', payload);
  const head = readBytes(payload, context);
  if (!head.ok) return failure('cbor', head.error, payload);
  const { bytes, totalBytes, truncated } = head.value;
  const size = sizeText(totalBytes);
  if (truncated)
    return {
      decoder: 'cbor',
      type: 'value',
      summary: `CBOR (${size}, larger than the decode limit)`,
      fields: fieldList([['size', size]]),
      truncated: true,
    };
  if (bytes.length === 0) return failure('cbor', 'empty frame', payload);
  const items: unknown[] = [];
  let offset = 0;
  try {
    while (offset < bytes.length && items.length < MAX_SEQUENCE_ITEMS) {
      const [value, consumed] = decodePartialCBOR(bytes, offset);
      // tiny-cbor clamps a byte string that runs past the end instead of failing: check here.
      if (offset + consumed > bytes.length)
        return failure('cbor', `CBOR item needs ${offset + consumed - bytes.length} more byte(s)`, payload);
      items.push(withTags(value, 0));
      offset += consumed;
    }
  } catch (error) {
    const reason =
      error instanceof RangeError ? 'nested too deeply' : error instanceof Error ? error.message : String(error);
    return failure('cbor', `not CBOR: ${reason}`, payload);
  }
  if (offset < bytes.length) return failure('cbor', `more than ${MAX_SEQUENCE_ITEMS} items`, payload);
  const value = items.length === 1 ? items[0] : items;
  const type = items.length === 1 ? kindOf(value) : `sequence of ${items.length}`;
  return {
    decoder: 'cbor',
    type,
    summary: oneLine(`${brief(value, 120)} (${size})`),
    fields: fieldList([
      ['format', 'CBOR'],
      ['size', size],
      ['type', type],
    ]),
    body: value,
  };
});

/** Shows a tag as `{"tag 1": value}` rather than the library's class instance. */
function withTags(value: unknown, depth: number): unknown {
  if (depth > MAX_TAG_DEPTH) return value;
  if (value instanceof CBORTag) return { [`tag ${String(value.tag)}`]: withTags(value.value, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => withTags(item, depth + 1));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, withTags(v, depth + 1)]));
  return value;
}
