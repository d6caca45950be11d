import { describe, EncodeError } from './scalar-write';
import { snakeCase } from './well-known-json';

/**
 * The other way: a well-known type's proto3 JSON form (a Timestamp string, a Struct object…) as
 * the generic object the reflective encoder writes. Null for types without a custom JSON form.
 * Any is done by the encoder itself (it needs the registry).
 */
export function wellKnownFromJson(typeName: string, json: unknown, path: string): Record<string, unknown> | null {
  if (typeName.startsWith('google.protobuf.') && typeName.endsWith('Value') && WRAPPED.has(typeName.slice(16, -5)))
    return { value: json };
  switch (typeName) {
    case 'google.protobuf.Timestamp':
      return timestampFromJson(json, path);
    case 'google.protobuf.Duration':
      return durationFromJson(json, path);
    case 'google.protobuf.FieldMask':
      if (typeof json !== 'string') throw new EncodeError(path, `expected a field mask string, got ${describe(json)}`);
      return { paths: json === '' ? [] : json.split(',').map((p) => snakeCase(p.trim())) };
    case 'google.protobuf.Struct':
      if (!isObject(json)) throw new EncodeError(path, `expected an object for Struct, got ${describe(json)}`);
      return { fields: json };
    case 'google.protobuf.ListValue':
      if (!Array.isArray(json)) throw new EncodeError(path, `expected an array for ListValue, got ${describe(json)}`);
      return { values: json };
    case 'google.protobuf.Value':
      return valueFromJson(json, path);
    default:
      return null;
  }
}

const WRAPPED = new Set(['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes']);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function valueFromJson(json: unknown, path: string): Record<string, unknown> {
  if (json === null) return { nullValue: 'NULL_VALUE' };
  if (typeof json === 'number') {
    if (!Number.isFinite(json)) throw new EncodeError(path, 'a Value cannot be NaN or Infinity');
    return { numberValue: json };
  }
  if (typeof json === 'string') return { stringValue: json };
  if (typeof json === 'boolean') return { boolValue: json };
  if (Array.isArray(json)) return { listValue: json };
  if (isObject(json)) return { structValue: json };
  throw new EncodeError(path, `not a JSON value: ${describe(json)}`);
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function timestampFromJson(json: unknown, path: string): Record<string, unknown> {
  const match = typeof json === 'string' ? TIMESTAMP.exec(json) : null;
  if (!match) throw new EncodeError(path, `expected an RFC 3339 timestamp, got ${describe(json)}`);
  const [, year, month, day, hour, minute, second, fraction = '', , sign, offsetHours, offsetMinutes] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(utc);
  // Date.UTC maps years 0–99 to 1900–1999; set the year itself.
  date.setUTCFullYear(Number(year));
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60 : 0;
  const seconds = Math.floor(date.getTime() / 1000) - offset;
  if (Number.isNaN(seconds) || seconds < -62135596800 || seconds > 253402300799)
    throw new EncodeError(path, `timestamp out of range: ${describe(json)}`);
  return secondsAndNanos(String(seconds), Number(fraction.padEnd(9, '0')));
}

const DURATION = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;

function durationFromJson(json: unknown, path: string): Record<string, unknown> {
  const match = typeof json === 'string' ? DURATION.exec(json) : null;
  if (!match) throw new EncodeError(path, `expected a duration like "1.5s", got ${describe(json)}`);
  const [, minus, whole = '0', fraction = ''] = match;
  const sign = minus ? -1 : 1;
  const seconds = BigInt(whole);
  if (seconds > 315576000000n) throw new EncodeError(path, `duration out of range: ${describe(json)}`);
  const nanos = Number(fraction.padEnd(9, '0'));
  return secondsAndNanos(String(minus ? -seconds : seconds), nanos === 0 ? 0 : sign * nanos);
}

/** Zeros are left out, as proto3 encoders leave out default values the user did not write. */
function secondsAndNanos(seconds: string, nanos: number): Record<string, unknown> {
  return { ...(seconds === '0' ? {} : { seconds }), ...(nanos === 0 ? {} : { nanos }) };
}
