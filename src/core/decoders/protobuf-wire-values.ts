/** Values read off the wire, as text: 64-bit integers (from two uint32 halves) and UTF-8. */

export const uint64Text = (lo: number, hi: number): string =>
  hi === 0 ? String(lo) : ((BigInt(hi) << 32n) | BigInt(lo)).toString();

export const int64Text = (lo: number, hi: number): string =>
  hi & 0x80000000 ? BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString() : uint64Text(lo, hi);

/** ZigZag (sint32/sint64): 0 → 0, 1 → -1, 2 → 1, … */
export function zigzag64Text(lo: number, hi: number): string {
  const negative = (lo & 1) === 1;
  // Shift the 64-bit value right by one.
  const shiftedLo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
  const shiftedHi = hi >>> 1;
  if (!negative) return uint64Text(shiftedLo, shiftedHi);
  return (-((BigInt(shiftedHi) << 32n) | BigInt(shiftedLo)) - 1n).toString();
}

export const zigzag32 = (lo: number): number => (lo >>> 1) ^ -(lo & 1);

const looseUtf8 = new TextDecoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Below this, a JavaScript loop beats the cost of calling TextDecoder. */
const SHORT_TEXT = 32;

/**
 * UTF-8 text of a field (most are short ASCII: names, ids, currencies). `strict`: null when not
 * valid UTF-8; otherwise invalid sequences become U+FFFD.
 */
export function utf8Text(bytes: Uint8Array, strict: true): string | null;
export function utf8Text(bytes: Uint8Array, strict: false): string;
export function utf8Text(bytes: Uint8Array, strict: boolean): string | null {
  if (bytes.length < SHORT_TEXT) {
    let ascii = '';
    let i = 0;
    for (; i < bytes.length && (bytes[i] as number) < 0x80; i++) ascii += String.fromCharCode(bytes[i] as number);
    if (i === bytes.length) return ascii;
  }
  if (!strict) return looseUtf8.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Not UTF-8: the caller reads the bytes some other way.
    return null;
  }
}
