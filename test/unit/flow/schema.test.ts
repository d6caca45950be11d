import { describe, expect, it } from 'vitest';
import { formatProblem, loadFlow, parseFlow } from '../../../src/flow';

const flowOf = (...steps: unknown[]) => ({ version: 1, steps });

/** The loader's problems as "where: field: message" lines. */
function problems(document: unknown): string[] {
  const loaded = loadFlow(document);
  return loaded.ok ? [] : loaded.problems.map(formatProblem);
}

describe('flow loader', () => {
  it('loads a valid flow, keeping only the fields it had', () => {
    const loaded = loadFlow({ ...flowOf({ kind: 'connect', url: 'wss://x/' }, { kind: 'wait', ms: 0 }), name: 'n' });
    expect(loaded).toEqual({
      ok: true,
      flow: {
        version: 1,
        name: 'n',
        steps: [
          { kind: 'connect', url: 'wss://x/' },
          { kind: 'wait', ms: 0 },
        ],
      },
    });
  });

  it('refuses what is not a flow document', () => {
    expect(problems([])).toEqual(['document: must be an object, not an array']);
    expect(problems({ steps: [] })).toEqual([
      'document: version: must be 1 (this version of Socket Scope reads flow version 1)',
      'document: steps: must be a non-empty array of steps',
    ]);
    const bad = parseFlow('{"version": 1,');
    expect(bad.ok ? '' : formatProblem(bad.problems[0]!)).toMatch(/^document: not JSON: /);
  });

  it('names the step index, its kind and the field', () => {
    expect(problems(flowOf({ kind: 'connect', url: 'ws://x/' }, { kind: 'send', text: 5 }))).toEqual([
      'steps[1] (send): text: must be a string, not a number',
    ]);
    expect(problems(flowOf({ kind: 'expect', text: 'a', timeoutMs: -1 }))).toEqual([
      'steps[0] (expect): timeoutMs: must be a whole number from 1 to 3600000, not -1',
    ]);
    expect(problems(flowOf({ kind: 'connect', url: 'http://x/' }))).toEqual([
      'steps[0] (connect): url: "http://x/" must start with ws:// or wss://',
    ]);
    expect(problems(flowOf({ kind: 'wait', ms: 1, timeout: 5 }))).toEqual([
      'steps[0] (wait): timeout: unknown field (allowed: kind, name, ms)',
    ]);
    expect(problems(flowOf({ kind: 'jump' }, 'send'))).toEqual([
      'steps[0]: kind: "jump" is not a step kind (one of connect, close, expect-close, send, expect, expect-none, extract, wait, repeat)',
      'steps[1]: must be an object with a "kind", not a string',
    ]);
  });

  it('names nested steps through their repeat', () => {
    const nested = flowOf({ kind: 'repeat', times: 2, steps: [{ kind: 'wait', ms: 1 }, { kind: 'send' }] });
    expect(problems(nested)).toEqual([
      'steps[0] (repeat) > steps[1] (send): needs exactly one of text, json, hex, base64',
    ]);
    expect(problems(flowOf({ kind: 'repeat', times: 0, steps: [] }))).toEqual([
      'steps[0] (repeat): times: must be a whole number from 1 to 1000000, not 0',
      'steps[0] (repeat): steps: must be a non-empty array of steps',
    ]);
  });

  it('refuses an invalid regular expression at load, wherever it is', () => {
    expect(problems(flowOf({ kind: 'expect', regex: '(unclosed' }))).toEqual([
      'steps[0] (expect): regex: Invalid regular expression: /(unclosed/: Unterminated group',
    ]);
    expect(problems(flowOf({ kind: 'expect', regex: 'a', flags: 'gg' }))).toEqual([
      'steps[0] (expect): flags: flags "gg" must be some of i, m, s, u, each once',
    ]);
    expect(problems(flowOf({ kind: 'extract', variables: { x: { regex: '[z-a]' } } }))).toEqual([
      'steps[0] (extract): variables.x.regex: Invalid regular expression: /[z-a]/: Range out of order in character class',
    ]);
    expect(problems(flowOf({ kind: 'expect', schema: { properties: { a: { pattern: '(' } } } }))[0]).toMatch(
      /^steps\[0\] \(expect\): schema: pattern "\(" is not a valid regular expression/,
    );
  });

  it('checks expectations: exactly one, with their companions', () => {
    expect(problems(flowOf({ kind: 'expect', text: 'a', json: {} }))).toEqual([
      'steps[0] (expect): needs exactly one of text, regex, json, schema, path, hex, base64 (has text and json)',
    ]);
    expect(problems(flowOf({ kind: 'expect', path: '$.a' }))).toEqual([
      'steps[0] (expect): equals: is required with path',
    ]);
    expect(problems(flowOf({ kind: 'expect', path: '$.a[-1]', equals: 1 }))).toEqual([
      'steps[0] (expect): path: JSON path "$.a[-1]": expected .name, [index] or [\'key\'] at 3',
    ]);
    expect(problems(flowOf({ kind: 'expect', text: 'a', flags: 'i' }))).toEqual([
      'steps[0] (expect): flags: is only for regex',
    ]);
    expect(problems(flowOf({ kind: 'expect', hex: '0g' }))[0]).toMatch(/^steps\[0\] \(expect\): hex: not hex/);
    expect(problems(flowOf({ kind: 'send', base64: 'AAAAA' }))).toEqual([
      'steps[0] (send): base64: Invalid base64: wrong length or padding',
    ]);
  });

  it('checks extract sources, groups and variable names', () => {
    expect(problems(flowOf({ kind: 'extract', variables: { counter: { path: '$' } } }))).toEqual([
      'steps[0] (extract): variables.counter: {{counter}} is built in: choose another name',
    ]);
    expect(problems(flowOf({ kind: 'extract', variables: { a: { path: '$', regex: 'x' } } }))).toEqual([
      'steps[0] (extract): variables.a: needs exactly one of path, regex',
    ]);
    expect(problems(flowOf({ kind: 'extract', variables: { a: { regex: '(x)', group: 2 } } }))).toEqual([
      'steps[0] (extract): variables.a.group: the regex has 1 group(s), not 2',
    ]);
    expect(problems(flowOf({ kind: 'extract', variables: { a: { regex: '(?<n>x)', group: 'm' } } }))).toEqual([
      'steps[0] (extract): variables.a.group: the regex has no group named "m"',
    ]);
    expect(problems({ ...flowOf({ kind: 'wait', ms: 1 }), variables: { '1x': 'a' } })[0]).toMatch(
      /^document: variables\.1x: "1x" is not a variable name/,
    );
  });

  it('checks close codes as a client may send them', () => {
    expect(problems(flowOf({ kind: 'close', code: 1001 }))).toEqual([
      'steps[0] (close): code: Close code 1001 is not allowed: use 1000 or 3000–4999',
    ]);
    expect(problems(flowOf({ kind: 'close', reason: 'é'.repeat(62) }))).toEqual([
      'steps[0] (close): reason: The close reason must be at most 123 UTF-8 bytes',
    ]);
    expect(problems(flowOf({ kind: 'expect-close', code: 1006 }))).toEqual([]);
  });

  it('keeps protocol sessions as an extension point, refused for now', () => {
    expect(problems(flowOf({ kind: 'connect', url: 'ws://x/', session: { type: 'socket.io' } }))).toEqual([
      'steps[0] (connect): session: protocol sessions are not supported yet',
    ]);
  });

  it('bounds what it accepts: depth of JSON, of repeats, and the number of problems', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(problems(flowOf({ kind: 'send', json: deep }))).toEqual([
      'steps[0] (send): json: nests deeper than 64 levels',
    ]);
    let steps: unknown[] = [{ kind: 'wait', ms: 1 }];
    for (let i = 0; i < 9; i++) steps = [{ kind: 'repeat', times: 1, steps }];
    expect(problems(flowOf(...steps)).at(-1)).toMatch(/steps: repeats nest at most 8 deep$/);
    const many = flowOf(...Array.from({ length: 500 }, () => ({ kind: 'wait' })));
    expect(problems(many)).toHaveLength(50);
  });
});
