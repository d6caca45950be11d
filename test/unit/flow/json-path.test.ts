import { describe, expect, it } from 'vitest';
import { JSON_PATH_PATTERN, lookupJsonPath, parseJsonPath } from '../../../src/flow/json-path';

const segments = (source: string) => {
  const parsed = parseJsonPath(source);
  return parsed.ok ? parsed.path.segments : parsed.error;
};

describe('JSON path subset', () => {
  it('parses $, .name, [index] and quoted keys', () => {
    expect(segments('$')).toEqual([]);
    expect(segments('$.a.b[0]')).toEqual([{ key: 'a' }, { key: 'b' }, { index: 0 }]);
    expect(segments(`$['odd key']["x\\"y"]['it\\'s'].$id-2`)).toEqual([
      { key: 'odd key' },
      { key: 'x"y' },
      { key: "it's" },
      { key: '$id-2' },
    ]);
  });

  it('refuses what it does not define, saying where', () => {
    expect(segments('a.b')).toBe('JSON path "a.b" must start with $');
    expect(segments('$.')).toBe('JSON path "$.": expected a member name after "." at 1');
    expect(segments('$[01]')).toBe('JSON path "$[01]": expected .name, [index] or [\'key\'] at 1');
    expect(segments('$..a')).toMatch(/at 1$/);
    expect(segments('$[*]')).toMatch(/at 1$/);
    expect(segments("$['open")).toMatch(/at 1$/);
  });

  it('the published pattern accepts exactly what the parser accepts', () => {
    const pattern = new RegExp(JSON_PATH_PATTERN, 'u');
    const samples = [
      '$',
      '$.a',
      '$.a.b[0]',
      "$['k']",
      '$["k"]',
      "$['a\\'b']",
      '$[10]',
      'a',
      '$.',
      '$[01]',
      '$..a',
      '$[*]',
      "$['x",
      '$.1a',
      '$[-1]',
      '$.a b',
    ];
    for (const sample of samples)
      expect({ sample, pattern: pattern.test(sample) }).toEqual({ sample, pattern: parseJsonPath(sample).ok });
  });

  it('looks values up, and says how far the path got when they are absent', () => {
    const root = { a: { b: [10, { c: null }] }, 'x y': 1 };
    const lookup = (source: string) => {
      const parsed = parseJsonPath(source);
      if (!parsed.ok) throw new Error(parsed.error);
      return lookupJsonPath(root, parsed.path);
    };
    expect(lookup('$.a.b[1].c')).toEqual({ found: true, value: null });
    expect(lookup("$['x y']")).toEqual({ found: true, value: 1 });
    expect(lookup('$.a.b[2]')).toEqual({ found: false, at: '$.a.b' });
    expect(lookup('$.a.b.c')).toEqual({ found: false, at: '$.a.b' });
    expect(lookup('$.toString')).toEqual({ found: false, at: '$' });
  });
});
