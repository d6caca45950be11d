import { describe, expect, it } from 'vitest';
import type { Expectation, FlowFrame } from '../../../src/flow';
import { compareJson } from '../../../src/flow/json-compare';
import { validateWithSchema } from '../../../src/flow/json-schema';
import { createMatcher, type MatchResult } from '../../../src/flow/matchers';
import { createFlowVariables } from '../../../src/flow/variables';

const vars = createFlowVariables(
  { name: 'ann' },
  () => 0,
  () => 'u',
);
const text = (value: string): FlowFrame => ({ kind: 'text', text: value });

function test(expectation: Expectation, frame: FlowFrame): MatchResult {
  const built = createMatcher(expectation, vars);
  if (!built.ok) throw new Error(built.error);
  return built.matcher.test(frame);
}
const explain = (result: MatchResult) => (result.ok ? [] : result.explain());
const score = (result: MatchResult) => (result.ok ? 1 : result.score);

describe('matchers', () => {
  it('exact text, with variables expanded', () => {
    expect(test({ text: 'hi {{name}}' }, text('hi ann')).ok).toBe(true);
    expect(explain(test({ text: 'hi {{name}}' }, text('hi bob')))).toEqual([
      'first difference at character 3:',
      '  expected "hi ann"',
      '  received "hi bob"',
    ]);
  });

  it('scores closer messages higher, so the report can pick the closest', () => {
    const want: Expectation = { json: { type: 'pong', id: 1, user: 'ann' } };
    const far = score(test(want, text('{"other":true}')));
    const near = score(test(want, text('{"type":"pong","id":2,"user":"ann"}')));
    const notJson = score(test(want, text('pong')));
    expect(near).toBeGreaterThan(far);
    expect(far).toBeGreaterThan(notJson);
    expect(score(test({ text: 'hello world' }, text('hello worlx')))).toBeGreaterThan(
      score(test({ text: 'hello world' }, text('bye'))),
    );
  });

  it('JSON subset: extra members pass, arrays keep their length, numbers compare by value', () => {
    expect(compareJson({ a: 1 }, { a: 1.0, b: 2 }, 'subset').differences).toEqual([]);
    expect(compareJson({ a: [1] }, { a: [1, 2] }, 'subset').differences).toEqual(['$.a: expected 1 items, got 2']);
    expect(compareJson({ a: { b: 1 } }, { a: [] }, 'subset').differences).toEqual(['$.a: expected an object, got []']);
    expect(compareJson({ 'k k': null }, {}, 'subset').differences).toEqual(["$['k k']: missing (expected null)"]);
    expect(compareJson({ a: 1 }, { a: 1, b: 2 }, 'equal').differences).toEqual(['$.b: not expected']);
  });

  it('lists at most a dozen differences', () => {
    const want = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    const result = compareJson(want, {}, 'subset');
    expect(result.differences).toHaveLength(13);
    expect(result.differences.at(-1)).toBe('… more differences');
  });

  it('JSON path equals compares the whole value there', () => {
    expect(test({ path: '$.a', equals: { b: [1] } }, text('{"a":{"b":[1]}}')).ok).toBe(true);
    expect(explain(test({ path: '$.a', equals: { b: [1] } }, text('{"a":{"b":[1],"c":2}}')))).toEqual([
      '$.a.c: not expected',
    ]);
    expect(test({ path: '$.n', equals: '{{name}}' }, text('{"n":"ann"}')).ok).toBe(true);
  });

  it('JSON Schema: valid, invalid with paths, and a schema the validator cannot use', () => {
    expect(validateWithSchema({ type: 'array', items: { type: 'integer' } }, [1, 2]).valid).toBe(true);
    const bad = validateWithSchema(
      { type: 'object', properties: { list: { type: 'array', items: { type: 'integer' } } } },
      { list: [1, 'x'] },
    );
    expect(bad.valid).toBe(false);
    expect(bad.errors[0]?.at).toBe('$.list[1]');
    const unusable = validateWithSchema({ $ref: 'https://elsewhere.test/schema.json' }, 1);
    expect(unusable).toEqual({
      valid: false,
      errors: [{ at: '$', error: expect.stringMatching(/^the schema could not be used: /) as string }],
    });
    expect(validateWithSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' }, 'x').valid).toBe(
      true,
    );
    expect(validateWithSchema(false, 1).valid).toBe(false);
  });

  it('regex and binary refuse the other opcode instead of guessing', () => {
    const binary: FlowFrame = { kind: 'binary', bytes: new Uint8Array([0x6f, 0x6b]) };
    expect(explain(test({ regex: 'ok' }, binary))).toEqual(['expected a text message, received binary 6f 6b']);
    expect(explain(test({ base64: 'b2s=' }, text('ok')))).toEqual(['expected a binary message, received text "ok"']);
    expect(test({ base64: 'b2s' }, binary).ok).toBe(true);
  });

  it('an unknown variable in an expectation is an error, not a silent miss', () => {
    expect(createMatcher({ text: '{{missing}}' }, vars)).toEqual({
      ok: false,
      error: expect.stringMatching(/Unknown variable \{\{missing\}\}/) as string,
    });
  });
});
