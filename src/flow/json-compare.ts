/**
 * JSON comparisons for expect steps, with differences listed by path.
 *
 * Subset: every member the expected object names must be in the received object and match
 * (recursively); members it does not name are ignored. Arrays must have the same length, item by
 * item a subset. Anything else must be equal (numbers by value, so 1 and 1.0 are equal).
 */
import { UNPRINTABLE, unicodeEscape } from './frames';
import { formatKey, isPlainObject } from './json-path';

export interface JsonComparison {
  /** Expected leaves that matched, of all expected leaves: how close the received value came. */
  readonly matched: number;
  readonly total: number;
  /** One line per difference ("$.type: expected "pong", got "ping""), at most MAX_DIFFERENCES. */
  readonly differences: readonly string[];
}

const MAX_DIFFERENCES = 12;

export function compareJson(expected: unknown, actual: unknown, mode: 'subset' | 'equal', at = '$'): JsonComparison {
  const differences: string[] = [];
  const counts = { matched: 0, total: 0 };
  const differ = (path: string, line: string) => {
    if (differences.length < MAX_DIFFERENCES) differences.push(`${path}: ${line}`);
    else if (differences.length === MAX_DIFFERENCES) differences.push('… more differences');
  };

  /** An empty expected array or object still counts as one leaf, so a perfect match scores 1. */
  const countEmpty = (matched: boolean) => {
    counts.total++;
    if (matched) counts.matched++;
  };

  function walk(want: unknown, got: unknown, path: string): void {
    if (Array.isArray(want)) {
      if (!Array.isArray(got)) {
        counts.total += Math.max(1, leafCount(want));
        return differ(path, `expected an array, got ${show(got)}`);
      }
      if (want.length !== got.length) differ(path, `expected ${want.length} items, got ${got.length}`);
      for (const [i, item] of want.entries()) {
        if (i < got.length) walk(item, got[i], `${path}[${i}]`);
        else counts.total += Math.max(1, leafCount(item));
      }
      if (want.length === 0) countEmpty(got.length === 0);
      return;
    }
    if (isPlainObject(want)) {
      if (!isPlainObject(got)) {
        counts.total += Math.max(1, leafCount(want));
        return differ(path, `expected an object, got ${show(got)}`);
      }
      const keys = Object.keys(want);
      for (const key of keys) {
        const inner = path + formatKey(key);
        if (Object.hasOwn(got, key)) walk(want[key], got[key], inner);
        else {
          counts.total += Math.max(1, leafCount(want[key]));
          differ(inner, `missing (expected ${show(want[key])})`);
        }
      }
      if (mode === 'equal')
        for (const key of Object.keys(got))
          if (!Object.hasOwn(want, key)) differ(path + formatKey(key), 'not expected');
      if (keys.length === 0) countEmpty(mode === 'subset' || Object.keys(got).length === 0);
      return;
    }
    counts.total++;
    if (want === got) counts.matched++;
    else differ(path, `expected ${show(want)}, got ${show(got)}`);
  }

  walk(expected, actual, at);
  return { ...counts, differences };
}

function leafCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + leafCount(item), 0);
  if (isPlainObject(value)) return Object.values(value).reduce((sum: number, item) => sum + leafCount(item), 0);
  return 1;
}

/** A JSON value in a difference line: short, and safe to print. */
export function show(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    // undefined for functions and symbols, which JSON never holds; kept total all the same.
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  text = text.replace(UNPRINTABLE, unicodeEscape);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Parses a text frame as JSON, or says why it is not. */
export function parseJsonFrame(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'not JSON' };
  }
}
