/**
 * UTF-8 validation that reports where the bytes are wrong, instead of TextDecoder's silent U+FFFD.
 * Invalid sequences are split into "maximal subparts" exactly as the WHATWG decoder does
 * (https://encoding.spec.whatwg.org/#utf-8-decoder), so our offsets match the browser's U+FFFDs.
 */

export interface Utf8Problem {
  readonly offset: number;
  readonly length: number;
}

export interface Utf8Scan {
  /** Invalid sequences in order; at most `maxProblems` are listed. */
  readonly problems: readonly Utf8Problem[];
  readonly problemCount: number;
  /** Bytes at the end that start a valid sequence the input stops in the middle of. */
  readonly incompleteTail: number;
}

/** Allowed range of the first continuation byte after a lead byte (Unicode Table 3-7). */
function sequenceShape(lead: number): { readonly length: number; readonly low: number; readonly high: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { length: 3, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { length: 3, low: 0x80, high: 0x9f }; // no surrogates
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { length: 4, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { length: 4, low: 0x80, high: 0x8f }; // not above U+10FFFF
  return null;
}

export function scanUtf8(bytes: Uint8Array, maxProblems = 1000): Utf8Scan {
  const problems: Utf8Problem[] = [];
  let problemCount = 0;
  let incompleteTail = 0;
  const report = (offset: number, length: number) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push({ offset, length });
  };
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const shape = sequenceShape(lead);
    if (!shape) {
      report(i, 1);
      i++;
      continue;
    }
    let j = i + 1;
    let low = shape.low;
    let high = shape.high;
    while (j < i + shape.length && j < bytes.length) {
      const b = bytes[j] ?? 0;
      if (b < low || b > high) break;
      low = 0x80;
      high = 0xbf;
      j++;
    }
    if (j === i + shape.length) {
      i = j;
    } else if (j === bytes.length) {
      incompleteTail = j - i;
      i = j;
    } else {
      report(i, j - i);
      i = j;
    }
  }
  return { problems, problemCount, incompleteTail };
}
