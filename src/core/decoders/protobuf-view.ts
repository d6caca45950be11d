import type { RawField, RawValue } from './protobuf-raw';
import type { DecodedField } from './types';

/**
 * The value viewer's form of a raw message: an object keyed by field number; a number seen
 * twice becomes an array. Varints are numbers while exact (else decimal strings), text is a
 * string, bytes a Uint8Array. The other readings (zigzag, float) are in the detail lines.
 */
export function rawToBody(fields: readonly RawField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const key = String(field.fieldNumber);
    const value = rawValueToBody(field.value);
    const existing = body[key];
    if (existing === undefined) body[key] = value;
    else if (Array.isArray(existing) && repeated.has(existing)) existing.push(value);
    else {
      const list = [existing, value];
      repeated.add(list);
      body[key] = list;
    }
  }
  return body;
}

/** Arrays made for repeated field numbers (a packed value is an array too, but one value). */
const repeated = new WeakSet<unknown[]>();

const exactNumber = (decimal: string): number | string => {
  const n = Number(decimal);
  return Number.isSafeInteger(n) ? n : decimal;
};

function rawValueToBody(value: RawValue): unknown {
  switch (value.kind) {
    case 'varint':
      return exactNumber(value.unsigned);
    case 'fixed32':
      return value.unsigned;
    case 'fixed64':
      return exactNumber(value.unsigned);
    case 'message':
    case 'group':
      return rawToBody(value.fields);
    case 'string':
      return value.text;
    case 'packed':
      return value.values.map(exactNumber);
    case 'bytes':
      return value.bytes;
  }
}

/** At most this many detail lines; the rest are counted in a last line. */
export const MAX_DETAIL_LINES = 200;

/** One detail line per field, nested ones by path (`3.1`), with every reading of the value. */
export function rawDetailLines(fields: readonly RawField[]): DecodedField[] {
  const lines: DecodedField[] = [];
  let skipped = 0;
  const walk = (list: readonly RawField[], prefix: string) => {
    for (const field of list) {
      const name = `${prefix}${field.fieldNumber}`;
      if (lines.length >= MAX_DETAIL_LINES) skipped++;
      else lines.push({ name, value: describeRawValue(field.value) });
      if (field.value.kind === 'message' || field.value.kind === 'group') walk(field.value.fields, `${name}.`);
    }
  };
  walk(fields, '');
  if (skipped > 0) lines.push({ name: '…', value: `${skipped} more field(s)` });
  return lines;
}

const PREVIEW_CHARS = 120;
const cut = (s: string) => (s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS - 1)}…` : s);

export function describeRawValue(value: RawValue): string {
  switch (value.kind) {
    case 'varint': {
      const also = [value.signed !== value.unsigned ? `int64 ${value.signed}` : '', `sint ${value.zigzag}`];
      return `varint ${value.unsigned} (${also.filter(Boolean).join(', ')})`;
    }
    case 'fixed32':
      return `fixed32 ${value.unsigned} (int ${value.signed}, float ${value.float})`;
    case 'fixed64':
      return `fixed64 ${value.unsigned} (int ${value.signed}, double ${value.double})`;
    case 'message':
      return `message, ${value.fields.length} field(s)`;
    case 'group':
      return `group, ${value.fields.length} field(s)`;
    case 'string':
      return `string ${cut(JSON.stringify(value.text))}${value.asMessage ? ' (also parses as a message)' : ''}`;
    case 'packed':
      return `packed varints [${cut(value.values.join(', '))}]`;
    case 'bytes':
      return `bytes (${value.bytes.length} B)${value.note ? `, ${value.note}` : ''} ${cut(hex(value.bytes.subarray(0, 48)))}`;
  }
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
