/**
 * What an expect step checks a message against. A miss carries a score (how close the message
 * came, 0–1, so the report can show the closest one) and explains itself only when asked: an
 * expect that skips thousands of messages must not build a diff for each.
 */
import { bytesEqual, decodeBase64, decodeHex, previewFrame, quote, type FlowFrame } from './frames';
import { compareJson, parseJsonFrame, show } from './json-compare';
import { lookupJsonPath, parseJsonPath } from './json-path';
import { describeSchemaMiss, validateWithSchema } from './json-schema';
import { describeByteDifference, describeTextDifference, similarity, textSimilarity } from './text-diff';
import type { Expectation } from './types';
import type { FlowVariables } from './variables';

export type MatchResult =
  | { readonly ok: true; readonly json?: unknown }
  | { readonly ok: false; readonly score: number; readonly explain: () => string[] };

export interface Matcher {
  /** What the step waits for, for the report: `text "pong"`, `JSON matching {"type":"pong"}`. */
  readonly describe: string;
  test(frame: FlowFrame): MatchResult;
}

const miss = (score: number, explain: () => string[]): MatchResult => ({ ok: false, score, explain });

const wrongKind = (want: 'text' | 'binary', frame: FlowFrame): MatchResult =>
  miss(0, () => [`expected a ${want} message, received ${previewFrame(frame)}`]);

/** Builds the matcher for one run of a step: {{variables}} are expanded now, with their current values. */
export function createMatcher(
  expectation: Expectation,
  vars: FlowVariables,
): { ok: true; matcher: Matcher } | { ok: false; error: string } {
  if ('text' in expectation) {
    const want = vars.expand(expectation.text);
    return want.ok ? { ok: true, matcher: textMatcher(want.text) } : want;
  }
  if ('regex' in expectation) return { ok: true, matcher: regexMatcher(expectation.regex, expectation.flags ?? '') };
  if ('json' in expectation) {
    const want = vars.expandJson(expectation.json);
    return want.ok ? { ok: true, matcher: jsonMatcher(want.value) } : want;
  }
  if ('schema' in expectation) return { ok: true, matcher: schemaMatcher(expectation.schema) };
  if ('path' in expectation) {
    const want = vars.expandJson(expectation.equals);
    return want.ok ? { ok: true, matcher: pathMatcher(expectation.path, want.value) } : want;
  }
  const bytes = 'hex' in expectation ? decodeHex(expectation.hex) : decodeBase64(expectation.base64);
  return bytes.ok ? { ok: true, matcher: bytesMatcher(bytes.bytes) } : bytes;
}

function textMatcher(want: string): Matcher {
  return {
    describe: `text ${quote(want)}`,
    test(frame) {
      if (frame.kind !== 'text') return wrongKind('text', frame);
      if (frame.text === want) return { ok: true };
      return miss(textSimilarity(want, frame.text), () => describeTextDifference(want, frame.text));
    },
  };
}

function regexMatcher(source: string, flags: string): Matcher {
  const regex = new RegExp(source, flags);
  const shown = `/${source}/${flags}`;
  return {
    describe: `text matching ${shown}`,
    test(frame) {
      if (frame.kind !== 'text') return wrongKind('text', frame);
      if (regex.test(frame.text)) return { ok: true };
      return miss(0, () => [`${quote(frame.text)} does not match ${shown}`]);
    },
  };
}

/** Runs `check` on the frame's JSON; a text that is not JSON, or a binary frame, misses. */
function onJson(frame: FlowFrame, check: (value: unknown) => MatchResult): MatchResult {
  if (frame.kind !== 'text') return wrongKind('text', frame);
  const parsed = parseJsonFrame(frame.text);
  if (!parsed.ok) return miss(0, () => [`received text is not JSON (${parsed.error}): ${quote(frame.text)}`]);
  return check(parsed.value);
}

function jsonMatcher(want: unknown): Matcher {
  return {
    describe: `JSON matching ${show(want)}`,
    test: (frame) =>
      onJson(frame, (value) => {
        const result = compareJson(want, value, 'subset');
        if (result.differences.length === 0) return { ok: true, json: value };
        return miss(0.1 + (0.9 * result.matched) / Math.max(1, result.total), () => [...result.differences]);
      }),
  };
}

function schemaMatcher(schema: boolean | Readonly<Record<string, unknown>>): Matcher {
  return {
    describe: `JSON valid against the schema ${show(schema, 60)}`,
    test: (frame) =>
      onJson(frame, (value) => {
        const result = validateWithSchema(schema, value);
        if (result.valid) return { ok: true, json: value };
        return miss(0.1 + 0.9 / (1 + result.errors.length), () => describeSchemaMiss(result));
      }),
  };
}

function pathMatcher(source: string, want: unknown): Matcher {
  const parsed = parseJsonPath(source);
  return {
    describe: `JSON whose ${source} is ${show(want)}`,
    test: (frame) =>
      onJson(frame, (value) => {
        if (!parsed.ok) return miss(0, () => [parsed.error]);
        const found = lookupJsonPath(value, parsed.path);
        if (!found.found)
          return miss(0.1, () => [`${source}: not found (the message has ${found.at} but nothing under it)`]);
        const result = compareJson(want, found.value, 'equal', source);
        if (result.differences.length === 0) return { ok: true, json: value };
        return miss(0.5 + (0.5 * result.matched) / Math.max(1, result.total), () => [...result.differences]);
      }),
  };
}

function bytesMatcher(want: Uint8Array): Matcher {
  return {
    describe: `binary ${previewFrame({ kind: 'binary', bytes: want }).slice('binary '.length)}`,
    test(frame) {
      if (frame.kind !== 'binary') return wrongKind('binary', frame);
      if (bytesEqual(want, frame.bytes)) return { ok: true };
      return miss(similarity(want, frame.bytes), () => describeByteDifference(want, frame.bytes));
    },
  };
}
