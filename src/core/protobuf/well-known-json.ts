/**
 * The proto3 JSON forms of the well-known types (https://protobuf.dev/programming-guides/json/),
 * from the generic object the reflective decoder built (keys are JSON names: `seconds`, `nanos`).
 * A value outside what the JSON form allows stays the generic object: an inspector shows it.
 */

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (name) => `google.protobuf.${name}Value`,
  ),
);
/** Types whose JSON form is not an object: inside an Any they go under "value". */
export const CUSTOM_JSON_TYPES = new Set([
  ...WRAPPERS,
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
  'google.protobuf.FieldMask',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
  'google.protobuf.Any',
]);

const MIN_TIMESTAMP_SECONDS = -62135596800; // 0001-01-01T00:00:00Z
const MAX_TIMESTAMP_SECONDS = 253402300799; // 9999-12-31T23:59:59Z
const MAX_DURATION_SECONDS = 315576000000;

type Json = Record<string, unknown>;

/** The JSON form of a well-known type, or the object itself for any other type. */
export function wellKnownJson(typeName: string, message: Json): unknown {
  if (WRAPPERS.has(typeName)) return 'value' in message ? message.value : wrapperDefault(typeName);
  switch (typeName) {
    case 'google.protobuf.Timestamp':
      return timestampJson(message) ?? message;
    case 'google.protobuf.Duration':
      return durationJson(message) ?? message;
    case 'google.protobuf.FieldMask':
      return Array.isArray(message.paths) ? message.paths.map((p) => camelCase(String(p))).join(',') : '';
    case 'google.protobuf.Struct':
      return isObject(message.fields) ? message.fields : {};
    case 'google.protobuf.ListValue':
      return Array.isArray(message.values) ? message.values : [];
    case 'google.protobuf.Value':
      return valueJson(message);
    default:
      return message;
  }
}

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function wrapperDefault(typeName: string): unknown {
  if (typeName.endsWith('BoolValue')) return false;
  if (typeName.endsWith('StringValue') || typeName.endsWith('BytesValue')) return '';
  return typeName.includes('Int64') ? '0' : 0;
}

function valueJson(message: Json): unknown {
  for (const key of ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'])
    if (key in message) return key === 'nullValue' ? null : message[key];
  return null;
}

function timestampJson(message: Json): string | null {
  const seconds = Number(message.seconds ?? 0);
  const nanos = Number(message.nanos ?? 0);
  if (!(seconds >= MIN_TIMESTAMP_SECONDS && seconds <= MAX_TIMESTAMP_SECONDS)) return null;
  if (!(nanos >= 0 && nanos <= 999_999_999)) return null;
  const fraction = nanos > 0 ? `.${fractionDigits(nanos)}` : '';
  return new Date(seconds * 1000).toISOString().replace('.000Z', `${fraction}Z`);
}

function durationJson(message: Json): string | null {
  const seconds = BigInt(typeof message.seconds === 'string' ? message.seconds : 0);
  const nanos = Number(message.nanos ?? 0);
  if (seconds > BigInt(MAX_DURATION_SECONDS) || seconds < -BigInt(MAX_DURATION_SECONDS)) return null;
  if (!(Math.abs(nanos) <= 999_999_999) || (seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) return null;
  const sign = seconds === 0n && nanos < 0 ? '-' : '';
  return `${sign}${seconds}${nanos !== 0 ? `.${fractionDigits(Math.abs(nanos))}` : ''}s`;
}

/** Nanoseconds as 3, 6 or 9 digits, as the JSON mapping writes them. */
function fractionDigits(nanos: number): string {
  const digits = String(nanos).padStart(9, '0');
  if (digits.endsWith('000000')) return digits.slice(0, 3);
  if (digits.endsWith('000')) return digits.slice(0, 6);
  return digits;
}

export const camelCase = (path: string) => path.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
export const snakeCase = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
