import type { Enum, Type } from 'protobufjs';
import { WIRE_END_GROUP, WIRE_LEN, WIRE_START_GROUP } from '../decoders/protobuf-wire';
import { nameOf, planOf, type FieldPlan } from './reflect-plan';
import { describe, EncodeError, integerOf, writeScalar } from './scalar-write';
import { SCALAR_WIRE_TYPES } from './scalars';
import { wellKnownFromJson } from './well-known-encode';
import { CUSTOM_JSON_TYPES } from './well-known-json';
import { WireWriter } from './wire-writer';

export type EncodeResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: string; readonly path: string };

/** Finds the type an Any's "@type" URL names. */
type Lookup = (typeUrl: string) => Type | null;

export const MAX_ENCODE_DEPTH = 64;

/**
 * Encodes a proto3-JSON value as a message of `type`, by reflection like the decoder (no
 * generated code). Field names may be JSON names or .proto names; fields are written in
 * field-number order; every value present is written, defaults included (what the user typed is
 * what is sent). Never throws: a value that does not fit says where (`items[2].price: …`).
 */
export function encodeWithType(type: Type, json: unknown, lookup: Lookup): EncodeResult {
  try {
    const writer = new WireWriter();
    writeMessage(writer, type, json, '', 0, lookup);
    return { ok: true, bytes: writer.finish() };
  } catch (error) {
    if (error instanceof EncodeError) return { ok: false, error: error.message, path: error.path };
    return { ok: false, error: error instanceof RangeError ? 'nested too deeply' : String(error), path: '' };
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function writeMessage(w: WireWriter, type: Type, json: unknown, path: string, depth: number, lookup: Lookup): void {
  if (depth > MAX_ENCODE_DEPTH) throw new EncodeError(path, `nested deeper than ${MAX_ENCODE_DEPTH}`);
  const plan = planOf(type);
  if (plan.name === 'google.protobuf.Any') return writeAny(w, json, path, depth, lookup);
  const object = plan.name.startsWith('google.protobuf.') ? (wellKnownFromJson(plan.name, json, path) ?? json) : json;
  if (!isObject(object)) throw new EncodeError(path, `expected an object for ${plan.name}, got ${describe(object)}`);
  const values: [FieldPlan, unknown][] = [];
  for (const [key, value] of Object.entries(object)) {
    const field = plan.byKey.get(key);
    if (!field) {
      const why = plan.unresolved.has(key)
        ? 'its type is not in the imported files'
        : `${plan.shortName} has no field "${key}"`;
      throw new EncodeError(join(path, key), why);
    }
    if (values.some(([seen]) => seen === field))
      throw new EncodeError(join(path, key), `field "${field.name}" is given twice`);
    // null means "not set", except for google.protobuf.Value / NullValue, where it is a value.
    if (value !== null || field.nullable) values.push([field, value]);
  }
  for (const oneof of plan.oneofs) {
    const set = oneof.members.filter((member) => values.some(([field]) => field === member));
    if (set.length > 1)
      throw new EncodeError(path, `oneof ${oneof.name} has ${set.map((f) => f.name).join(' and ')} set`);
  }
  values.sort(([a], [b]) => a.number - b.number);
  for (const [field, value] of values) writeField(w, field, value, join(path, field.key), depth, lookup);
}

function writeField(w: WireWriter, field: FieldPlan, value: unknown, path: string, depth: number, lookup: Lookup) {
  if (field.map) return writeMap(w, field, field.map.keyType, value, path, depth, lookup);
  if (!field.repeated) return writeTagged(w, field, field.number, value, path, depth, lookup);
  if (!Array.isArray(value)) throw new EncodeError(path, `expected an array, got ${describe(value)}`);
  if (!field.packed) {
    value.forEach((item, i) => writeTagged(w, field, field.number, item, `${path}[${i}]`, depth, lookup));
    return;
  }
  w.tag(field.number, WIRE_LEN);
  const start = w.startLengthDelimited();
  value.forEach((item, i) => writeValue(w, field, item, `${path}[${i}]`, depth, lookup));
  w.endLengthDelimited(start);
}

function writeTagged(
  w: WireWriter,
  field: FieldPlan,
  id: number,
  value: unknown,
  path: string,
  depth: number,
  lookup: Lookup,
) {
  if (field.messageType && field.delimited) {
    w.tag(id, WIRE_START_GROUP);
    writeMessage(w, field.messageType, value, path, depth + 1, lookup);
    return w.tag(id, WIRE_END_GROUP);
  }
  w.tag(id, field.wireType);
  writeValue(w, field, value, path, depth, lookup);
}

/** One value without its tag (a nested message with its length). */
function writeValue(w: WireWriter, field: FieldPlan, value: unknown, path: string, depth: number, lookup: Lookup) {
  if (field.messageType) {
    const start = w.startLengthDelimited();
    writeMessage(w, field.messageType, value, path, depth + 1, lookup);
    return w.endLengthDelimited(start);
  }
  if (field.enumType) return w.int32(enumNumber(field.enumType, value, path));
  writeScalar(w, field.type, value, path);
}

function enumNumber(type: Enum, value: unknown, path: string): number {
  if (value === null && nameOf(type) === 'google.protobuf.NullValue') return 0;
  if (typeof value === 'string' && Object.hasOwn(type.values, value)) return type.values[value] as number;
  if (typeof value === 'number' && Number.isInteger(value)) return Number(integerOf(value, 'int32', path));
  const names = Object.keys(type.values).slice(0, 8).join(', ');
  throw new EncodeError(path, `${describe(value)} is not a value of ${type.name} (${names})`);
}

function writeMap(
  w: WireWriter,
  field: FieldPlan,
  keyType: string,
  value: unknown,
  path: string,
  depth: number,
  lookup: Lookup,
) {
  if (!isObject(value)) throw new EncodeError(path, `expected an object for a map, got ${describe(value)}`);
  for (const [key, item] of Object.entries(value)) {
    const itemPath = `${path}[${JSON.stringify(key)}]`;
    w.tag(field.number, WIRE_LEN);
    const start = w.startLengthDelimited();
    w.tag(1, SCALAR_WIRE_TYPES[keyType] ?? WIRE_LEN);
    writeScalar(w, keyType, mapKey(keyType, key, itemPath), itemPath);
    writeTagged(w, field, 2, item, itemPath, depth, lookup);
    w.endLengthDelimited(start);
  }
}

/** JSON map keys are strings; the key type decides what they mean (integers parse as such). */
function mapKey(keyType: string, key: string, path: string): unknown {
  if (keyType !== 'bool') return key;
  if (key === 'true' || key === 'false') return key === 'true';
  throw new EncodeError(path, 'expected "true" or "false" as a bool map key');
}

function writeAny(w: WireWriter, json: unknown, path: string, depth: number, lookup: Lookup) {
  if (!isObject(json)) throw new EncodeError(path, `expected an object for Any, got ${describe(json)}`);
  const { '@type': typeUrl, ...rest } = json;
  if (typeUrl === undefined && Object.keys(rest).length === 0) return;
  if (typeof typeUrl !== 'string') throw new EncodeError(path, 'an Any needs "@type"');
  const type = lookup(typeUrl);
  if (!type) throw new EncodeError(join(path, '@type'), `${typeUrl} is not in the imported files`);
  w.tag(1, WIRE_LEN);
  writeScalar(w, 'string', typeUrl, path);
  w.tag(2, WIRE_LEN);
  const start = w.startLengthDelimited();
  writeMessage(w, type, CUSTOM_JSON_TYPES.has(nameOf(type)) ? rest.value : rest, path, depth + 1, lookup);
  w.endLengthDelimited(start);
}
