import { Enum, MapField, Type, type FieldBase } from 'protobufjs';
import { WIRE_END_GROUP, WIRE_LEN, WIRE_START_GROUP } from '../decoders/protobuf-wire';
import { expectedWireType, fieldKey, resolved } from './reflect-helpers';
import { describe, EncodeError, integerOf, writeScalar } from './scalar-write';
import { isPackable, SCALAR_WIRE_TYPES } from './scalars';
import { wellKnownFromJson } from './well-known-encode';
import { CUSTOM_JSON_TYPES } from './well-known-json';
import { WireWriter } from './wire-writer';

export type EncodeResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: string; readonly path: string };

interface EncodeContext {
  /** Finds the type an Any's "@type" URL names. */
  readonly lookup: (typeUrl: string) => Type | null;
}

export const MAX_ENCODE_DEPTH = 64;

/**
 * Encodes a proto3-JSON value as a message of `type`, by reflection like the decoder (no
 * generated code). Field names may be JSON names or .proto names; fields are written in
 * field-number order; every value present is written, defaults included (what the user typed is
 * what is sent). Never throws: a value that does not fit says where (`items[2].price: …`).
 */
export function encodeWithType(type: Type, json: unknown, lookup: EncodeContext['lookup']): EncodeResult {
  try {
    const writer = new WireWriter();
    writeMessage(writer, type, json, '', 0, { lookup });
    return { ok: true, bytes: writer.finish() };
  } catch (error) {
    if (error instanceof EncodeError) return { ok: false, error: error.message, path: error.path };
    const reason = error instanceof RangeError ? 'nested too deeply' : String(error);
    return { ok: false, error: reason, path: '' };
  }
}

function writeMessage(
  writer: WireWriter,
  type: Type,
  json: unknown,
  path: string,
  depth: number,
  context: EncodeContext,
) {
  if (depth > MAX_ENCODE_DEPTH) throw new EncodeError(path, `nested deeper than ${MAX_ENCODE_DEPTH}`);
  const name = type.fullName.slice(1);
  if (name === 'google.protobuf.Any') return writeAny(writer, json, path, depth, context);
  const object = wellKnownFromJson(name, json, path) ?? json;
  if (typeof object !== 'object' || object === null || Array.isArray(object))
    throw new EncodeError(path, `expected an object for ${name}, got ${describe(object)}`);
  const values = fieldValues(type, object as Record<string, unknown>, path);
  for (const [field, value] of values) writeField(writer, field, value, join(path, fieldKey(field)), depth, context);
}

/** The fields the object sets, in field-number order; unknown names and two oneof members are errors. */
function fieldValues(type: Type, object: Record<string, unknown>, path: string): [FieldBase, unknown][] {
  const byName = new Map<string, FieldBase>();
  for (const field of type.fieldsArray) byName.set(field.name, field).set(fieldKey(field), field);
  const values = new Map<FieldBase, unknown>();
  for (const [key, value] of Object.entries(object)) {
    const field = byName.get(key);
    if (!field) throw new EncodeError(join(path, key), `${type.name} has no field "${key}"`);
    if (values.has(field)) throw new EncodeError(join(path, key), `field "${field.name}" is given twice`);
    // null means "not set", except for google.protobuf.Value / NullValue, where it is a value.
    if (value !== null || isNullType(field)) values.set(field, value);
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter((member) => values.has(member));
    if (set.length > 1)
      throw new EncodeError(path, `oneof ${oneof.name} has ${set.map((f) => f.name).join(' and ')} set`);
  }
  return [...values].sort(([a], [b]) => a.id - b.id);
}

function isNullType(field: FieldBase): boolean {
  const element = resolved(field)?.resolvedType;
  return element?.fullName === '.google.protobuf.Value' || element?.fullName === '.google.protobuf.NullValue';
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function writeField(
  writer: WireWriter,
  field: FieldBase,
  value: unknown,
  path: string,
  depth: number,
  context: EncodeContext,
) {
  if (!resolved(field)) throw new EncodeError(path, `the type ${field.type} is not in the imported files`);
  if (field instanceof MapField) return writeMap(writer, field, value, path, depth, context);
  if (!field.repeated) return writeTagged(writer, field, field.id, value, path, depth, context);
  if (!Array.isArray(value)) throw new EncodeError(path, `expected an array, got ${describe(value)}`);
  const packable = isPackable(field.type) && !(field.resolvedType instanceof Type);
  if (packable && (field as { packed?: boolean }).packed) {
    const inner = new WireWriter();
    value.forEach((item, i) => writeValue(inner, field, item, `${path}[${i}]`, depth, context));
    writer.tag(field.id, WIRE_LEN);
    writer.lengthDelimited(inner.finish());
  } else value.forEach((item, i) => writeTagged(writer, field, field.id, item, `${path}[${i}]`, depth, context));
}

function writeTagged(
  w: WireWriter,
  field: FieldBase,
  id: number,
  value: unknown,
  path: string,
  depth: number,
  context: EncodeContext,
) {
  const element = field.resolvedType;
  if (element instanceof Type && (field as { delimited?: boolean }).delimited) {
    w.tag(id, WIRE_START_GROUP);
    writeMessage(w, element, value, path, depth + 1, context);
    return w.tag(id, WIRE_END_GROUP);
  }
  w.tag(id, expectedWireType(field) ?? WIRE_LEN);
  writeValue(w, field, value, path, depth, context);
}

/** One value without its tag (a nested message with its length). */
function writeValue(
  w: WireWriter,
  field: FieldBase,
  value: unknown,
  path: string,
  depth: number,
  context: EncodeContext,
) {
  const element = field.resolvedType;
  if (element instanceof Type) {
    const inner = new WireWriter();
    writeMessage(inner, element, value, path, depth + 1, context);
    return w.lengthDelimited(inner.finish());
  }
  if (element instanceof Enum) return w.int32(enumNumber(element, value, path));
  writeScalar(w, field.type, value, path);
}

function enumNumber(type: Enum, value: unknown, path: string): number {
  if (type.fullName === '.google.protobuf.NullValue' && value === null) return 0;
  if (typeof value === 'string' && Object.hasOwn(type.values, value)) return type.values[value] as number;
  if (typeof value === 'number' && Number.isInteger(value)) return Number(integerOf(value, 'int32', path));
  throw new EncodeError(
    path,
    `${describe(value)} is not a value of ${type.name} (${Object.keys(type.values).slice(0, 8).join(', ')})`,
  );
}

function writeMap(w: WireWriter, field: MapField, value: unknown, path: string, depth: number, context: EncodeContext) {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new EncodeError(path, `expected an object for a map, got ${describe(value)}`);
  for (const [key, item] of Object.entries(value)) {
    const entry = new WireWriter();
    const itemPath = `${path}[${JSON.stringify(key)}]`;
    entry.tag(1, SCALAR_WIRE_TYPES[field.keyType] ?? WIRE_LEN);
    writeScalar(entry, field.keyType, mapKey(field.keyType, key, itemPath), itemPath);
    writeTagged(entry, field, 2, item, itemPath, depth, context);
    w.tag(field.id, WIRE_LEN);
    w.lengthDelimited(entry.finish());
  }
}

/** JSON map keys are strings; the key type decides what they mean. */
function mapKey(keyType: string, key: string, path: string): unknown {
  if (keyType === 'string') return key;
  if (keyType === 'bool') {
    if (key === 'true' || key === 'false') return key === 'true';
    throw new EncodeError(path, `expected "true" or "false" as a bool map key`);
  }
  return key;
}

function writeAny(w: WireWriter, json: unknown, path: string, depth: number, context: EncodeContext) {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new EncodeError(path, `expected an object for Any, got ${describe(json)}`);
  const { '@type': typeUrl, ...rest } = json as Record<string, unknown>;
  if (typeUrl === undefined && Object.keys(rest).length === 0) return;
  if (typeof typeUrl !== 'string') throw new EncodeError(path, 'an Any needs "@type"');
  const type = context.lookup(typeUrl);
  if (!type) throw new EncodeError(join(path, '@type'), `${typeUrl} is not in the imported files`);
  const inner = new WireWriter();
  const custom = CUSTOM_JSON_TYPES.has(type.fullName.slice(1));
  writeMessage(inner, type, custom ? rest.value : rest, path, depth + 1, context);
  w.tag(1, WIRE_LEN);
  writeScalar(w, 'string', typeUrl, path);
  w.tag(2, WIRE_LEN);
  w.lengthDelimited(inner.finish());
}
