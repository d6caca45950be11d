import { looksLikeMessage } from './protobuf-evidence';
import { readFields, type RawBudget, type RawField, type RawLimits } from './protobuf-raw';
import { WireReader } from './protobuf-wire';
import { utf8Text } from './protobuf-wire-values';

/** What a length-delimited field's bytes were read as. */
export type LengthDelimitedValue =
  | { readonly kind: 'message'; readonly fields: readonly RawField[] }
  /** `asMessage`: the text also parses as a message (protoc --decode_raw would print that). */
  | { readonly kind: 'string'; readonly text: string; readonly asMessage?: readonly RawField[] }
  | { readonly kind: 'packed'; readonly values: readonly string[] }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly note?: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Packed varints are guessed only for short runs: a long one is as likely to be any bytes. */
const MAX_PACKED_VALUES = 4096;

/**
 * Reads a length-delimited field the way protoc --decode_raw does (as a nested message when it
 * parses as one), then as packed varints, then text, else bytes. One change: bytes that are
 * printable text ("hi" parses as field 13 = 105) read as text unless the message parse is
 * convincing (see protobuf-evidence.ts), and ASCII text is never read as packed varints (every
 * ASCII byte is a one-byte varint).
 */
export function chooseLengthDelimited(
  bytes: Uint8Array,
  start: number,
  end: number,
  limits: RawLimits,
  budget: RawBudget,
  depth: number,
): LengthDelimitedValue {
  const slice = bytes.subarray(start, end);
  if (slice.length === 0) return { kind: 'string', text: '' };
  const nested = depth < limits.maxDepth ? tryMessage(bytes, start, end, limits, budget, depth) : null;
  const text = utf8Text(slice, true);
  const printable = text !== null && !CONTROL.test(text);
  if (nested && (!printable || looksLikeMessage(nested, end - start))) return { kind: 'message', fields: nested };
  if (printable) return nested ? { kind: 'string', text, asMessage: nested } : { kind: 'string', text };
  // Too deep to try as a message: say so rather than guess another reading.
  if (depth >= limits.maxDepth)
    return { kind: 'bytes', bytes: slice, note: `not expanded: nested deeper than ${limits.maxDepth}` };
  const packed = packedVarints(slice);
  if (packed) return { kind: 'packed', values: packed };
  if (text !== null) return { kind: 'string', text };
  return { kind: 'bytes', bytes: slice };
}

function tryMessage(
  bytes: Uint8Array,
  start: number,
  end: number,
  limits: RawLimits,
  budget: RawBudget,
  depth: number,
): RawField[] | null {
  const before = budget.fieldsLeft;
  const inner = readFields(new WireReader(bytes, start, end), limits, budget, depth + 1, null);
  if (!inner.error) return inner.fields;
  // A failed attempt read nothing that is shown: give its fields back to the budget.
  budget.fieldsLeft = before;
  return null;
}

/** The bytes as a run of whole varints, or null. */
function packedVarints(bytes: Uint8Array): string[] | null {
  const reader = new WireReader(bytes);
  const values: string[] = [];
  while (!reader.done) {
    if (values.length >= MAX_PACKED_VALUES) return null;
    const start = reader.pos;
    // A varint cut by the end has its last byte ≥ 0x80; one longer than 10 bytes is not one.
    let end = start;
    while (end < bytes.length && (bytes[end] as number) >= 0x80 && end - start < 10) end++;
    if (end >= bytes.length || end - start >= 10) return null;
    reader.varint();
    values.push(reader.varintText());
  }
  return values;
}
