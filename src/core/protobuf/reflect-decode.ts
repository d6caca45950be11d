import type { Type } from 'protobufjs';
import { parseRawMessage, RAW_LIMITS } from '../decoders/protobuf-raw';
import type { ProtobufTypeDecoded } from '../decoders/protobuf-type-hook';
import { rawToBody } from '../decoders/protobuf-view';
import { WIRE_END_GROUP, WIRE_LEN, WIRE_START_GROUP, WireError, WireReader, type Tag } from '../decoders/protobuf-wire';
import { decodeAnyJson, enumJson, mapEntryDefault, mergeJson } from './reflect-helpers';
import { planOf, type FieldPlan } from './reflect-plan';
import { readScalar, SCALAR_WIRE_TYPES } from './scalars';
import { wellKnownJson } from './well-known-json';

/**
 * Decodes a message by walking its protobufjs reflection (through reflect-plan.ts) over our own
 * wire reader: protobufjs's own decoders are generated with `new Function`, which the
 * extension's CSP forbids, so they are never called. The result is the proto3 JSON mapping;
 * fields the type does not declare (or with a wire type it does not expect) are kept under
 * `#<number>`, read as the schema-less decoder reads them.
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

type Json = Record<string, unknown>;

/** Never throws. */
export function decodeWithType(
  type: Type,
  bytes: Uint8Array,
  lookup: DecodeState['lookup'],
  limits: DecodeLimits = DECODE_LIMITS,
): ProtobufTypeDecoded {
  const state: DecodeState = { valuesLeft: limits.maxValues, unknownFields: 0, limits, lookup };
  const value: Json = {};
  try {
    const json = finishMessage(type, readMessage(new WireReader(bytes), type, value, state, 0, null), state, 0, 0);
    // A top-level well-known type with a custom JSON form (a Timestamp string) goes under "value".
    const object = typeof json === 'object' && json !== null && !Array.isArray(json);
    return { value: object ? (json as Json) : { value: json }, unknownFields: state.unknownFields };
  } catch (error) {
    // Only WireError is expected; anything else (a bug) still must not escape.
    const wire = error instanceof WireError ? error : new WireError(String(error), 0);
    return { value, error: { reason: wire.reason, offset: wire.offset }, unknownFields: state.unknownFields };
  }
}

/** Reads fields into `target` until the reader's end (or the end-group tag of `group`). */
export function readMessage(
  reader: WireReader,
  type: Type,
  target: Json,
  state: DecodeState,
  depth: number,
  group: Tag | null,
): Json {
  if (depth > state.limits.maxDepth) throw new WireError(`nested deeper than ${state.limits.maxDepth}`, reader.pos);
  const plan = planOf(type);
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
    const field = plan.byNumber.get(tag.fieldNumber);
    if (!field || !readField(reader, tag, field, target, state, depth)) readUnknown(reader, tag, target, state);
  }
}

/** Reads a declared field; false when the wire type is not one the field can have. */
function readField(reader: WireReader, tag: Tag, field: FieldPlan, target: Json, state: DecodeState, depth: number) {
  if (field.map) {
    if (tag.wireType !== WIRE_LEN) return false;
    readMapEntry(reader, field, (target[field.key] ??= {}) as Json, state, depth);
    return true;
  }
  const packed = field.repeated && field.packable && tag.wireType === WIRE_LEN;
  const group = field.kind === 'message' && tag.wireType === WIRE_START_GROUP;
  if (tag.wireType !== field.wireType && !packed && !group) return false;
  if (packed) {
    const list = (target[field.key] ??= []) as unknown[];
    const inner = reader.sub(reader.length());
    while (!inner.done) list.push(readSingle(inner, tag, field, state, depth));
    return true;
  }
  const value = readSingle(reader, tag, field, state, depth);
  if (field.repeated) ((target[field.key] ??= []) as unknown[]).push(value);
  else {
    for (const sibling of field.oneofSiblings) delete target[sibling];
    target[field.key] = field.kind === 'message' ? mergeJson(target[field.key], value) : value;
  }
  return true;
}

function readSingle(reader: WireReader, tag: Tag, field: FieldPlan, state: DecodeState, depth: number): unknown {
  if (field.enumType) {
    reader.varint();
    return enumJson(field.enumType, reader.lo | 0);
  }
  if (!field.messageType) return readScalar(reader, field.type);
  const target: Json = {};
  const start = reader.pos;
  if (tag.wireType === WIRE_START_GROUP) readMessage(reader, field.messageType, target, state, depth + 1, tag);
  else readMessage(reader.sub(reader.length()), field.messageType, target, state, depth + 1, null);
  return finishMessage(field.messageType, target, state, depth + 1, start);
}

/** `offset`: where the message starts in the frame, for errors inside an Any's value. */
function finishMessage(type: Type, message: Json, state: DecodeState, depth: number, offset: number): unknown {
  const name = planOf(type).name;
  if (name === 'google.protobuf.Any') return decodeAnyJson(message, state, depth, offset);
  return name.startsWith('google.protobuf.') ? wellKnownJson(name, message) : message;
}

function readMapEntry(reader: WireReader, field: FieldPlan, entries: Json, state: DecodeState, depth: number) {
  const inner = reader.sub(reader.length());
  const keyType = field.map?.keyType ?? 'string';
  let key: unknown;
  let value: unknown;
  while (!inner.done) {
    const tag = inner.tag();
    if (tag.fieldNumber === 1 && tag.wireType === SCALAR_WIRE_TYPES[keyType]) key = readScalar(inner, keyType);
    else if (tag.fieldNumber === 2 && (tag.wireType === field.wireType || tag.wireType === WIRE_START_GROUP))
      value = readSingle(inner, tag, field, state, depth);
    else inner.skip(tag, state.limits.maxDepth);
  }
  entries[String(key ?? mapEntryDefault(keyType, null))] = value ?? mapEntryDefault(field.type, field);
}

/** A field the type does not declare: shown as the schema-less decoder reads it. */
function readUnknown(reader: WireReader, tag: Tag, target: Json, state: DecodeState): void {
  reader.skip(tag, state.limits.maxDepth);
  const raw = parseRawMessage(reader.bytes, RAW_LIMITS, tag.offset, reader.pos);
  const value = rawToBody(raw.fields)[String(tag.fieldNumber)];
  const key = `#${tag.fieldNumber}`;
  const existing = target[key];
  target[key] =
    existing === undefined ? value : Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
  state.unknownFields++;
}
