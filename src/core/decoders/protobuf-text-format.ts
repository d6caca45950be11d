import type { RawField } from './protobuf-raw';

/**
 * Prints a raw message exactly as `protoc --decode_raw` does (protoc 3.x text format of an
 * unknown field set), for "copy as protoc text" and to check our reading against protoc's:
 * varints unsigned, fixed32/64 as 0x-padded hex, length-delimited as a nested block when it
 * parses as a message, else as a C-escaped string (octal for bytes outside printable ASCII).
 */
export function formatDecodeRaw(fields: readonly RawField[], indent = ''): string {
  let out = '';
  for (const { fieldNumber, value } of fields) {
    const head = `${indent}${fieldNumber}`;
    switch (value.kind) {
      case 'varint':
        out += `${head}: ${value.unsigned}\n`;
        break;
      case 'fixed32':
        out += `${head}: 0x${value.unsigned.toString(16).padStart(8, '0')}\n`;
        break;
      case 'fixed64':
        out += `${head}: 0x${BigInt(value.unsigned).toString(16).padStart(16, '0')}\n`;
        break;
      case 'message':
      case 'group':
        out += `${head} {\n${formatDecodeRaw(value.fields, `${indent}  `)}${indent}}\n`;
        break;
      case 'string':
        out += value.asMessage
          ? `${head} {\n${formatDecodeRaw(value.asMessage, `${indent}  `)}${indent}}\n`
          : `${head}: "${cEscape(encoder.encode(value.text))}"\n`;
        break;
      case 'packed':
        out += `${head}: "${cEscape(packedBytes(value.values))}"\n`;
        break;
      case 'bytes':
        out += `${head}: "${cEscape(value.bytes)}"\n`;
        break;
    }
  }
  return out;
}

const encoder = new TextEncoder();

const ESCAPES: Readonly<Record<number, string>> = { 10: '\\n', 13: '\\r', 9: '\\t', 34: '\\"', 39: "\\'", 92: '\\\\' };

function cEscape(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const escaped = ESCAPES[b];
    if (escaped) out += escaped;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

/** Packed values back to their varint bytes (protoc shows them as a string). */
function packedBytes(values: readonly string[]): Uint8Array {
  const out: number[] = [];
  for (const text of values) {
    let n = BigInt(text);
    do {
      const low = Number(n & 0x7fn);
      n >>= 7n;
      out.push(n > 0n ? low | 0x80 : low);
    } while (n > 0n);
  }
  return Uint8Array.from(out);
}
