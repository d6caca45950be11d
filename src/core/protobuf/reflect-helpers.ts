import type { Enum } from 'protobufjs';
import { WireError, WireReader } from '../decoders/protobuf-wire';
import { readMessage, type DecodeState } from './reflect-decode';
import { nameOf, type FieldPlan } from './reflect-plan';
import { fromBase64 } from './scalars';
import { CUSTOM_JSON_TYPES, wellKnownJson } from './well-known-json';

/** An enum value by name; a number the enum does not declare stays a number. */
export function enumJson(type: Enum, value: number): unknown {
  if (nameOf(type) === 'google.protobuf.NullValue') return null;
  return type.valuesById[value] ?? value;
}

/** A map entry's key or value when the entry leaves it out: the type's default. */
export function mapEntryDefault(type: string, field: FieldPlan | null): unknown {
  if (field?.enumType) return enumJson(field.enumType, 0);
  if (field?.messageType) return wellKnownJson(nameOf(field.messageType), {});
  if (type === 'string' || type === 'bytes') return '';
  if (type === 'bool') return false;
  return /64$/.test(type) ? '0' : 0;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A singular message field seen twice merges (the spec: like parsing the concatenation):
 * nested messages and maps merge, repeated fields append, scalars take the last value.
 */
export function mergeJson(previous: unknown, next: unknown): unknown {
  if (Array.isArray(previous) && Array.isArray(next)) return [...(previous as unknown[]), ...(next as unknown[])];
  if (!isPlainObject(previous) || !isPlainObject(next)) return next;
  const merged: Record<string, unknown> = { ...previous };
  for (const [key, value] of Object.entries(next)) merged[key] = mergeJson(merged[key], value);
  return merged;
}

/**
 * google.protobuf.Any: the packed message unpacked when its type is in the registry
 * (`{"@type": url, …fields}`, or `{"@type": url, "value": …}` for a type with a custom JSON
 * form); otherwise `{"@type": url, "value": "<base64>"}`.
 */
export function decodeAnyJson(
  message: Record<string, unknown>,
  state: DecodeState,
  depth: number,
  offset: number,
): unknown {
  const typeUrl = typeof message.typeUrl === 'string' ? message.typeUrl : '';
  const value = typeof message.value === 'string' ? message.value : '';
  if (typeUrl === '') return {};
  const type = state.lookup(typeUrl);
  const bytes = fromBase64(value);
  if (!type || !bytes) return { '@type': typeUrl, value };
  let inner: Record<string, unknown>;
  try {
    inner = readMessage(new WireReader(bytes), type, {}, state, depth + 1, null);
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    // The value's bytes were copied out of the frame: name the Any's offset, and the value's own.
    throw new WireError(`${error.reason} at byte ${error.offset} of the value of the Any (${typeUrl})`, offset);
  }
  const name = nameOf(type);
  const json =
    name === 'google.protobuf.Any' ? decodeAnyJson(inner, state, depth + 1, offset) : wellKnownJson(name, inner);
  return CUSTOM_JSON_TYPES.has(name) || !isPlainObject(json)
    ? { '@type': typeUrl, value: json }
    : { '@type': typeUrl, ...json };
}
