import { fromBase64 } from './scalars';
import type { WireWriter } from './wire-writer';

/** A JSON value that does not fit its field; `path` names where (`items[2].price`). */
export class EncodeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

const INTEGER = /^-?\d+$/;
const FLOAT_MAX = 3.4028234663852886e38;
const RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

/** An integer from a JSON number or decimal string (64-bit ones are strings in proto3 JSON). */
export function integerOf(value: unknown, type: string, path: string): bigint {
  let n: bigint;
  if (typeof value === 'number' && Number.isInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && INTEGER.test(value.trim())) n = BigInt(value.trim());
  else throw new EncodeError(path, `expected an integer for ${type}, got ${describe(value)}`);
  const [min, max] = RANGES[type] ?? [0n, 0n];
  if (n < min || n > max) throw new EncodeError(path, `${n} is out of range for ${type}`);
  return n;
}

function floatOf(value: unknown, type: string, path: string): number {
  const named = typeof value === 'string' && Object.hasOwn(NAMED_FLOATS, value) ? NAMED_FLOATS[value] : undefined;
  const number =
    typeof value === 'number'
      ? value
      : named !== undefined
        ? named
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : NaN;
  if (Number.isNaN(number) && named === undefined)
    throw new EncodeError(path, `expected a number for ${type}, got ${describe(value)}`);
  if (type === 'float' && Number.isFinite(number) && Math.abs(number) > FLOAT_MAX)
    throw new EncodeError(path, `${number} is out of range for float`);
  return number;
}

/** The proto3 JSON mapping writes non-finite floats as these strings. */
const NAMED_FLOATS: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

const halves = (n: bigint): [number, number] => {
  const u = BigInt.asUintN(64, n);
  return [Number(u & 0xffffffffn), Number(u >> 32n)];
};

/** Writes one scalar value (no tag). */
export function writeScalar(writer: WireWriter, type: string, value: unknown, path: string): void {
  switch (type) {
    case 'double':
      return writer.double(floatOf(value, type, path));
    case 'float':
      return writer.float(floatOf(value, type, path));
    case 'bool':
      if (typeof value !== 'boolean') throw new EncodeError(path, `expected true or false, got ${describe(value)}`);
      return writer.varint(value ? 1 : 0, 0);
    case 'string':
      if (typeof value !== 'string') throw new EncodeError(path, `expected a string, got ${describe(value)}`);
      return writer.lengthDelimited(utf8.encode(value));
    case 'bytes':
      return writer.lengthDelimited(bytesOf(value, path));
    case 'fixed32':
    case 'sfixed32':
      return writer.fixed32(Number(BigInt.asUintN(32, integerOf(value, type, path))));
    case 'fixed64':
    case 'sfixed64':
      return writer.fixed64(...halves(integerOf(value, type, path)));
    case 'sint32':
    case 'sint64': {
      const n = integerOf(value, type, path);
      return writer.varint(...halves(n >= 0n ? n << 1n : (-n << 1n) - 1n));
    }
    default:
      // int32, int64, uint32, uint64: a negative int32 is sign-extended like an int64.
      return writer.varint(...halves(integerOf(value, type, path)));
  }
}

const utf8 = new TextEncoder();

function bytesOf(value: unknown, path: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const bytes = typeof value === 'string' ? fromBase64(value) : null;
  if (!bytes) throw new EncodeError(path, `expected base64 for bytes, got ${describe(value)}`);
  return bytes;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  // JSON.stringify gives undefined for undefined, functions and symbols.
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
