import { chooseLengthDelimited, type LengthDelimitedValue } from './protobuf-len';
import {
  WIRE_END_GROUP,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_START_GROUP,
  WIRE_VARINT,
  WireError,
  WireReader,
} from './protobuf-wire';
import { int64Text, uint64Text, zigzag64Text } from './protobuf-wire-values';

/**
 * A message read without its schema, the way `protoc --decode_raw` reads it: field numbers and
 * wire types, with every interpretation a value allows (a varint as unsigned, signed and zigzag;
 * a fixed32 as int and float; a length-delimited field as message, packed varints, text or bytes).
 */
export type RawValue =
  | { readonly kind: 'varint'; readonly unsigned: string; readonly signed: string; readonly zigzag: string }
  | { readonly kind: 'fixed32'; readonly unsigned: number; readonly signed: number; readonly float: number }
  | { readonly kind: 'fixed64'; readonly unsigned: string; readonly signed: string; readonly double: number }
  | { readonly kind: 'group'; readonly fields: readonly RawField[] }
  | LengthDelimitedValue;

export interface RawField {
  readonly fieldNumber: number;
  /** Byte offset of the field's tag in the frame. */
  readonly offset: number;
  readonly value: RawValue;
}

export interface RawLimits {
  /** Nested messages and groups deeper than this stay bytes. */
  readonly maxDepth: number;
  /** Fields read in the whole tree before stopping (nested ones included). */
  readonly maxFields: number;
}

export const RAW_LIMITS: RawLimits = { maxDepth: 24, maxFields: 10_000 };

export interface RawMessage {
  readonly fields: readonly RawField[];
  /** Why the bytes are not a (whole) message, and the offset where reading stopped. */
  readonly error?: WireError;
  /** Reading stopped early on a limit (not an error in the frame). */
  readonly stopped?: WireError;
}

/** Mutable state of one parse: the field budget shared by the whole tree. */
export interface RawBudget {
  fieldsLeft: number;
  stopped?: WireError;
}

/** Parses `bytes[start, end)` as a message. Never throws. */
export function parseRawMessage(
  bytes: Uint8Array,
  limits: RawLimits = RAW_LIMITS,
  start = 0,
  end = bytes.length,
): RawMessage {
  const budget: RawBudget = { fieldsLeft: limits.maxFields };
  const result = readFields(new WireReader(bytes, start, end), limits, budget, 0, null);
  return budget.stopped ? { ...result, stopped: budget.stopped } : result;
}

/** Reads fields until the end, or until the end-group tag of `group` when inside one. */
export function readFields(
  reader: WireReader,
  limits: RawLimits,
  budget: RawBudget,
  depth: number,
  group: { readonly fieldNumber: number; readonly offset: number } | null,
): { readonly fields: RawField[]; readonly error?: WireError } {
  const fields: RawField[] = [];
  try {
    for (;;) {
      if (reader.done) {
        if (group) throw new WireError(`group ${group.fieldNumber} has no end`, group.offset);
        return { fields };
      }
      if (budget.fieldsLeft <= 0) {
        budget.stopped ??= new WireError(`stopped after ${limits.maxFields} fields`, reader.pos);
        return { fields };
      }
      const tag = reader.tag();
      if (tag.wireType === WIRE_END_GROUP) {
        if (group?.fieldNumber === tag.fieldNumber) return { fields };
        throw new WireError(`end of group ${tag.fieldNumber} without its start`, tag.offset);
      }
      budget.fieldsLeft--;
      fields.push({
        fieldNumber: tag.fieldNumber,
        offset: tag.offset,
        value: readValue(reader, tag, limits, budget, depth),
      });
    }
  } catch (error) {
    if (error instanceof WireError) return { fields, error };
    throw error;
  }
}

function readValue(
  reader: WireReader,
  tag: { readonly fieldNumber: number; readonly wireType: number; readonly offset: number },
  limits: RawLimits,
  budget: RawBudget,
  depth: number,
): RawValue {
  switch (tag.wireType) {
    case WIRE_VARINT: {
      reader.varint();
      const { lo, hi } = reader;
      return { kind: 'varint', unsigned: uint64Text(lo, hi), signed: int64Text(lo, hi), zigzag: zigzag64Text(lo, hi) };
    }
    case WIRE_FIXED64: {
      const at = reader.pos;
      reader.fixed64();
      const { lo, hi } = reader;
      return { kind: 'fixed64', unsigned: uint64Text(lo, hi), signed: int64Text(lo, hi), double: reader.float64At(at) };
    }
    case WIRE_FIXED32: {
      const at = reader.pos;
      const unsigned = reader.fixed32();
      return { kind: 'fixed32', unsigned, signed: unsigned | 0, float: reader.float32At(at) };
    }
    case WIRE_LEN: {
      const length = reader.length();
      const start = reader.pos;
      reader.pos += length;
      return chooseLengthDelimited(reader.bytes, start, start + length, limits, budget, depth);
    }
    case WIRE_START_GROUP: {
      if (depth >= limits.maxDepth) throw new WireError(`groups nested deeper than ${limits.maxDepth}`, tag.offset);
      const inner = readFields(reader, limits, budget, depth + 1, tag);
      if (inner.error) throw inner.error;
      return { kind: 'group', fields: inner.fields };
    }
    default:
      throw new WireError(`wire type ${tag.wireType} does not exist`, tag.offset);
  }
}
