import { Enum, MapField, Type, type Field, type FieldBase } from 'protobufjs';
import { parseRawMessage, RAW_LIMITS } from '../decoders/protobuf-raw';
import type { ProtobufTypeDecoded } from '../decoders/protobuf-type-hook';
import { rawToBody } from '../decoders/protobuf-view';
import { WIRE_END_GROUP, WIRE_LEN, WIRE_START_GROUP, WireError, WireReader, type Tag } from '../decoders/protobuf-wire';
import {
  decodeAnyJson,
  enumJson,
  expectedWireType,
  fieldKey,
  mapEntryDefault,
  mergeJson,
  resolved,
} from './reflect-helpers';
import { isPackable, readScalar, SCALAR_WIRE_TYPES } from './scalars';
import { wellKnownJson } from './well-known-json';

/**
 * Decodes a message by walking its protobufjs reflection (Type, Field, Enum) over our own wire
 * reader: protobufjs's own decoders are generated with `new Function`, which the extension's
 * CSP forbids, so they are never called. The result is the proto3 JSON mapping; fields the
 * type does not declare (or with a wire type it does not expect) are kept under `#<number>`.
 */
export interface DecodeLimits {
  readonly maxDepth: number;
  /** Values read in all before stopping with an error naming the offset. */
  readonly maxValues: number;
}

export const DECODE_LIMITS: DecodeLimits = { maxDepth: 64, maxValues: 1 << 20 };

export interface DecodeState {
  valuesLeft: number;
  unknownFields: number;
  readonly limits: DecodeLimits;
  /** Finds the type an Any's type URL names. */
  readonly lookup: (typeUrl: string) => Type | null;
}

/** Never throws. */
export function decodeWithType(
  type: Type,
  bytes: Uint8Array,
  lookup: DecodeState['lookup'],
  limits: DecodeLimits = DECODE_LIMITS,
): ProtobufTypeDecoded {
  const state: DecodeState = { valuesLeft: limits.maxValues, unknownFields: 0, limits, lookup };
  const value: Record<string, unknown> = {};
  try {
    const json = finishMessage(type, readMessage(new WireReader(bytes), type, value, state, 0, null), state, 0);
    // A top-level well-known type with a custom JSON form (a Timestamp string) goes under "value".
    const object = typeof json === 'object' && json !== null && !Array.isArray(json);
    return { value: object ? (json as Record<string, unknown>) : { value: json }, unknownFields: state.unknownFields };
  } catch (error) {
    const wire = error instanceof WireError ? error : new WireError(String(error), 0);
    return { value, error: { reason: wire.reason, offset: wire.offset }, unknownFields: state.unknownFields };
  }
}

/** Reads fields into `target` until the reader's end (or the end-group tag of `group`). */
export function readMessage(
  reader: WireReader,
  type: Type,
  target: Record<string, unknown>,
  state: DecodeState,
  depth: number,
  group: Tag | null,
): Record<string, unknown> {
  if (depth > state.limits.maxDepth) throw new WireError(`nested deeper than ${state.limits.maxDepth}`, reader.pos);
  for (;;) {
    if (reader.done) {
      if (group) throw new WireError(`group ${group.fieldNumber} has no end`, group.offset);
      return target;
    }
    if (--state.valuesLeft < 0) throw new WireError(`stopped after ${state.limits.maxValues} values`, reader.pos);
    const tag = reader.tag();
    if (tag.wireType === WIRE_END_GROUP) {
      if (group?.fieldNumber === tag.fieldNumber) return target;
      throw new WireError(`end of group ${tag.fieldNumber} without its start`, tag.offset);
    }
    const field = type.fieldsById[tag.fieldNumber];
    if (!field || !readField(reader, tag, resolved(field), target, state, depth))
      readUnknown(reader, tag, target, state);
  }
}

/** Reads a declared field; false when the wire type is not one the field can have. */
function readField(
  reader: WireReader,
  tag: Tag,
  field: Field | null,
  target: Record<string, unknown>,
  state: DecodeState,
  depth: number,
): boolean {
  if (!field) return false;
  const key = fieldKey(field);
  if (field instanceof MapField) {
    if (tag.wireType !== WIRE_LEN) return false;
    const entries = (target[key] ??= {}) as Record<string, unknown>;
    readMapEntry(reader, field, entries, state, depth);
    return true;
  }
  const element = field.resolvedType;
  const wireType = expectedWireType(field);
  const packed = field.repeated && tag.wireType === WIRE_LEN && !(element instanceof Type) && isPackable(field.type);
  const group = element instanceof Type && tag.wireType === WIRE_START_GROUP;
  if (tag.wireType !== wireType && !packed && !group) return false;
  if (packed) {
    const list = (target[key] ??= []) as unknown[];
    const length = reader.length();
    const inner = new WireReader(reader.bytes, reader.pos, reader.pos + length);
    reader.pos += length;
    while (!inner.done) list.push(readSingle(inner, tag, field, state, depth));
    return true;
  }
  const value = readSingle(reader, tag, field, state, depth);
  if (field.repeated) ((target[key] ??= []) as unknown[]).push(value);
  else {
    clearOneofSiblings(field, target);
    target[key] = element instanceof Type ? mergeJson(target[key], value) : value;
  }
  return true;
}

function readSingle(reader: WireReader, tag: Tag, field: FieldBase, state: DecodeState, depth: number): unknown {
  const element = field.resolvedType;
  if (element instanceof Enum) {
    reader.varint();
    return enumJson(element, reader.lo | 0);
  }
  if (!(element instanceof Type)) return readScalar(reader, field.type);
  return readNested(reader, tag, element, state, depth);
}

export function readNested(reader: WireReader, tag: Tag, type: Type, state: DecodeState, depth: number): unknown {
  const target: Record<string, unknown> = {};
  if (tag.wireType === WIRE_START_GROUP) readMessage(reader, type, target, state, depth + 1, tag);
  else {
    const length = reader.length();
    const inner = new WireReader(reader.bytes, reader.pos, reader.pos + length);
    reader.pos += length;
    readMessage(inner, type, target, state, depth + 1, null);
  }
  return finishMessage(type, target, state, depth + 1);
}

function finishMessage(type: Type, message: Record<string, unknown>, state: DecodeState, depth: number): unknown {
  const name = type.fullName.slice(1);
  if (name === 'google.protobuf.Any') return decodeAnyJson(message, state, depth);
  return wellKnownJson(name, message);
}

function readMapEntry(
  reader: WireReader,
  field: MapField,
  entries: Record<string, unknown>,
  state: DecodeState,
  depth: number,
): void {
  const length = reader.length();
  const inner = new WireReader(reader.bytes, reader.pos, reader.pos + length);
  reader.pos += length;
  let key: unknown;
  let value: unknown;
  while (!inner.done) {
    const tag = inner.tag();
    if (tag.fieldNumber === 1 && tag.wireType === SCALAR_WIRE_TYPES[field.keyType])
      key = readScalar(inner, field.keyType);
    else if (tag.fieldNumber === 2 && (tag.wireType === expectedWireType(field) || tag.wireType === WIRE_START_GROUP))
      value = readSingle(inner, tag, field, state, depth);
    else inner.skip(tag, state.limits.maxDepth);
  }
  entries[String(key ?? mapEntryDefault(field.keyType))] = value ?? mapEntryDefault(field.type, field.resolvedType);
}

function clearOneofSiblings(field: Field, target: Record<string, unknown>): void {
  const oneof = field.partOf;
  if (!oneof || oneof.fieldsArray.length < 2) return;
  for (const sibling of oneof.fieldsArray) if (sibling !== field) delete target[fieldKey(sibling)];
}

/** A field the type does not declare: shown as the schema-less decoder reads it. */
function readUnknown(reader: WireReader, tag: Tag, target: Record<string, unknown>, state: DecodeState): void {
  reader.skip(tag, state.limits.maxDepth);
  const raw = parseRawMessage(reader.bytes, RAW_LIMITS, tag.offset, reader.pos);
  const value = rawToBody(raw.fields)[String(tag.fieldNumber)];
  const key = `#${tag.fieldNumber}`;
  const existing = target[key];
  target[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  state.unknownFields++;
}
