import { WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, type WireReader } from '../decoders/protobuf-wire';
import { int64Text, uint64Text, utf8Text, zigzag32, zigzag64Text } from '../decoders/protobuf-wire-values';

/** The wire type each scalar is written with (packed repeated ones aside). */
export const SCALAR_WIRE_TYPES: Readonly<Record<string, number>> = {
  double: WIRE_FIXED64,
  float: WIRE_FIXED32,
  int32: WIRE_VARINT,
  int64: WIRE_VARINT,
  uint32: WIRE_VARINT,
  uint64: WIRE_VARINT,
  sint32: WIRE_VARINT,
  sint64: WIRE_VARINT,
  fixed32: WIRE_FIXED32,
  fixed64: WIRE_FIXED64,
  sfixed32: WIRE_FIXED32,
  sfixed64: WIRE_FIXED64,
  bool: WIRE_VARINT,
  string: WIRE_LEN,
  bytes: WIRE_LEN,
};

export const isScalarType = (type: string) => Object.hasOwn(SCALAR_WIRE_TYPES, type);

/** Strings and bytes cannot be packed; every other scalar (and enums) can. */
export const isPackable = (type: string) => type !== 'string' && type !== 'bytes';

/** Non-finite floats are strings in the proto3 JSON mapping. */
export const floatJson = (n: number): number | string =>
  Number.isFinite(n) ? n : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';

/** Reads one scalar value as its proto3 JSON form (64-bit integers are decimal strings). */
export function readScalar(reader: WireReader, type: string): unknown {
  switch (type) {
    case 'double': {
      const at = reader.pos;
      reader.fixed64();
      return floatJson(reader.float64At(at));
    }
    case 'float': {
      const at = reader.pos;
      reader.fixed32();
      return floatJson(reader.float32At(at));
    }
    case 'fixed32':
      return reader.fixed32();
    case 'sfixed32':
      return reader.fixed32() | 0;
    case 'fixed64':
      reader.fixed64();
      return uint64Text(reader.lo, reader.hi);
    case 'sfixed64':
      reader.fixed64();
      return int64Text(reader.lo, reader.hi);
    case 'string':
    case 'bytes': {
      const length = reader.length();
      const bytes = reader.bytes.subarray(reader.pos, reader.pos + length);
      reader.pos += length;
      return type === 'string' ? utf8Text(bytes, false) : toBase64(bytes);
    }
    default:
      reader.varint();
      return varintJson(reader.lo, reader.hi, type);
  }
}

function varintJson(lo: number, hi: number, type: string): unknown {
  switch (type) {
    case 'int32':
      return lo | 0;
    case 'uint32':
      return lo >>> 0;
    case 'sint32':
      return zigzag32(lo);
    case 'int64':
      return int64Text(lo, hi);
    case 'uint64':
      return uint64Text(lo, hi);
    case 'sint64':
      return zigzag64Text(lo, hi);
    default:
      // bool, and enums (int32 on the wire).
      return type === 'bool' ? lo !== 0 || hi !== 0 : lo | 0;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return btoa(binary);
}

/** Standard or URL-safe base64, padding optional; null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) return null;
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
