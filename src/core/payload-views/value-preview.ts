import { makeVisible } from '../format';

/**
 * Stands for a part of a value that was not read because it lies past the decode limit.
 * Previews show it as `…`; the JSON tree shows a "truncated" node.
 */
export const TRUNCATED_VALUE: { readonly truncated: true } = Object.freeze({ truncated: true });

/**
 * A compact one-line preview of any decoded value (JSON, MessagePack, CBOR): `["hi",{"a":1}]`.
 * Stops as soon as `maxChars` is reached, so it costs O(maxChars) whatever the value's size or
 * depth (each nesting level writes at least one character, bounding recursion by `maxChars`).
 */
export function previewValue(value: unknown, maxChars = 80): string {
  const out = { text: '', full: false };
  write(value, out, maxChars);
  const text = out.full ? out.text.slice(0, Math.max(0, maxChars - 1)) + '…' : out.text;
  return makeVisible(text);
}

interface Sink {
  text: string;
  full: boolean;
}

function emit(out: Sink, s: string, max: number): boolean {
  if (out.full) return false;
  out.text += s;
  if (out.text.length > max) out.full = true;
  return !out.full;
}

function write(value: unknown, out: Sink, max: number): void {
  if (out.full) return;
  if (value === TRUNCATED_VALUE) return void emit(out, '…', max);
  switch (typeof value) {
    case 'string':
      return void emit(out, JSON.stringify(value.length > max ? value.slice(0, max + 1) : value), max);
    case 'number':
    case 'boolean':
      return void emit(out, String(value), max);
    case 'bigint':
      return void emit(out, `${value}n`, max);
    case 'undefined':
      return void emit(out, 'undefined', max);
    case 'object':
      break;
    default:
      return void emit(out, `<${typeof value}>`, max);
  }
  if (value === null) return void emit(out, 'null', max);
  if (value instanceof Uint8Array) return void emit(out, `<${value.length} bytes>`, max);
  if (value instanceof Date)
    return void emit(out, Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString(), max);
  if (Array.isArray(value)) return writeEntries(value.entries(), out, max, '[', ']', false);
  if (value instanceof Map) return writeEntries(value.entries(), out, max, '{', '}', true);
  return writeEntries(ownEntries(value), out, max, '{', '}', true);
}

/** Lazy, unlike Object.entries: a preview of a 100,000-key object reads only the first keys. */
function* ownEntries(value: object): Generator<[string, unknown]> {
  for (const key in value) {
    if (Object.hasOwn(value, key)) yield [key, (value as Record<string, unknown>)[key]];
  }
}

function writeEntries(
  entries: Iterable<[unknown, unknown]>,
  out: Sink,
  max: number,
  open: string,
  close: string,
  keyed: boolean,
) {
  if (!emit(out, open, max)) return;
  let first = true;
  for (const [key, item] of entries) {
    if (!first && !emit(out, ',', max)) return;
    first = false;
    if (keyed) {
      if (typeof key === 'string') emit(out, JSON.stringify(key), max);
      else write(key, out, max);
      if (!emit(out, ':', max)) return;
    }
    write(item, out, max);
    if (out.full) return;
  }
  emit(out, close, max);
}
