import type { RawField } from './protobuf-raw';

/**
 * When is a parse of unknown bytes "convincing" protobuf? Random binary often parses: a byte
 * whose low 3 bits are 0, 1, 2 or 5 is a valid tag, and a varint needs only a byte below 0x80.
 * What real encoders (protoc's C++/Java/Go, protobufjs, protobuf-es) do and random bytes rarely
 * do, checked at one level:
 *
 * 1. Fields come in field-number order (non-decreasing: repeated fields repeat their number).
 *    Every official encoder writes known fields that way.
 * 2. No groups (wire types 3/4, deprecated since proto3 and rare in the wild).
 * 3. Field numbers below 2048 (two-byte tags): schemas number fields from 1 upwards.
 * 4. Enough evidence: at least two fields, or one length-delimited field of at least two
 *    bytes whose content read as text or as a nested message.
 *
 * Measured (test/unit/core/decoders/protobuf-detect.test.ts): about 0.1-0.3% of seeded random
 * frames of 1..256 bytes pass (the test holds it under 0.5%), and every fixture message of two
 * fields or more without groups does. protobuf-sniff.ts adds: not a text frame, not printable
 * text, the whole frame parses. Anything less convincing stays a manual "Decode as" choice.
 */
export const MAX_LIKELY_FIELD_NUMBER = 2047;

export function looksLikeMessage(fields: readonly RawField[], byteLength: number): boolean {
  if (fields.length === 0) return false;
  let previous = 0;
  for (const field of fields) {
    if (field.fieldNumber < previous || field.fieldNumber > MAX_LIKELY_FIELD_NUMBER) return false;
    if (field.value.kind === 'group') return false;
    previous = field.fieldNumber;
  }
  if (fields.length >= 2) return true;
  const only = (fields[0] as RawField).value;
  return byteLength >= 4 && (only.kind === 'message' || (only.kind === 'string' && only.text.length >= 2));
}
