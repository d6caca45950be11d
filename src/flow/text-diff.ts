/**
 * How two texts (or byte strings) differ, for a failed expect: where they first part, shown with
 * a little context on both sides, and how close they are (for picking the closest message).
 * Linear time on purpose: it runs on every message an expect skips.
 */
import { quote, toHex } from './frames';

const CONTEXT = 24;

interface Sequence<T> {
  readonly length: number;
  at(i: number): T | undefined;
}

function commonEnds<T>(a: Sequence<T>, b: Sequence<T>): { prefix: number; suffix: number } {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a.at(prefix) === b.at(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.at(a.length - 1 - suffix) === b.at(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** 1 for equal, towards 0 as less of the two is shared at their start and end. */
export function similarity<T>(a: Sequence<T>, b: Sequence<T>): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const { prefix, suffix } = commonEnds(a, b);
  return (prefix + suffix) / longer;
}

export function textSimilarity(expected: string, actual: string): number {
  return similarity(expected, actual);
}

/** Lines such as: first difference at character 6: expected "…lo wor|ld", got "…lo wor|th". */
export function describeTextDifference(expected: string, actual: string): string[] {
  const { prefix } = commonEnds(expected, actual);
  const from = Math.max(0, prefix - CONTEXT);
  const lead = from > 0 ? '…' : '';
  const around = (text: string) => `${lead}${quote(text.slice(from, prefix + CONTEXT), CONTEXT * 2 + 8)}`;
  const lines = [
    `first difference at character ${prefix}:`,
    `  expected ${around(expected)}`,
    `  received ${around(actual)}`,
  ];
  if (expected.length !== actual.length)
    lines.push(`  lengths: expected ${expected.length}, received ${actual.length}`);
  return lines;
}

export function describeByteDifference(expected: Uint8Array, actual: Uint8Array): string[] {
  const { prefix } = commonEnds(expected, actual);
  const from = Math.max(0, prefix - 8);
  const window = (bytes: Uint8Array) => `${from > 0 ? '… ' : ''}${toHex(bytes.subarray(from, prefix + 8))}`;
  const lines = [
    `first difference at byte ${prefix}:`,
    `  expected ${window(expected)}`,
    `  received ${window(actual)}`,
  ];
  if (expected.length !== actual.length)
    lines.push(`  lengths: expected ${expected.length} bytes, received ${actual.length}`);
  return lines;
}
