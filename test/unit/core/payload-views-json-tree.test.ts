import { describe, expect, it } from 'vitest';
import {
  createJsonTree,
  findEmbeddedJson,
  jsonView,
  TRUNCATED_VALUE,
  visibleRows,
} from '../../../src/core/payload-views';

describe('createJsonTree', () => {
  it('describes nodes with key, pointer, type, preview and child count', () => {
    const root = createJsonTree({ user: { name: 'ada', tags: ['x', 'y'] }, 'a/b': 1, none: null });
    expect(root).toMatchObject({ key: '', pointer: '', depth: 0, type: 'object', childCount: 3, expandable: true });
    const [user, slash, none] = root.children();
    expect(user).toMatchObject({
      key: 'user',
      pointer: '/user',
      type: 'object',
      preview: '{"name":"ada","tags":["x","y"]}',
    });
    expect(slash).toMatchObject({ key: 'a/b', pointer: '/a~1b', type: 'number', expandable: false });
    expect(none?.type).toBe('null');
    expect(
      user
        ?.children()[1]
        ?.children()
        .map((n) => n.pointer),
    ).toEqual(['/user/tags/0', '/user/tags/1']);
  });

  it('pages the children of a huge array', () => {
    const root = createJsonTree(Array.from({ length: 100_000 }, (_, i) => i));
    expect(root.childCount).toBe(100_000);
    expect(root.children(50_000, 3).map((n) => n.key)).toEqual(['50000', '50001', '50002']);
  });

  it('expands JSON held in a string as a json-string node', () => {
    const root = createJsonTree({ data: '{"inner":[1,2]}', plain: '{not json}' });
    const [data, plain] = root.children();
    expect(data).toMatchObject({ type: 'json-string', childCount: 1, expandable: true });
    expect(data?.children()[0]).toMatchObject({ key: 'inner', pointer: '/data/inner', type: 'array' });
    expect(plain).toMatchObject({ type: 'string', expandable: false });
  });

  it('types decoded binary values and truncated parts', () => {
    const root = createJsonTree([new Uint8Array(4), new Date(0), 5n, new Map([['k', 1]]), TRUNCATED_VALUE, undefined]);
    expect(root.children().map((n) => n.type)).toEqual(['bytes', 'date', 'bigint', 'map', 'truncated', 'undefined']);
  });

  it('stops expanding at the depth limit', () => {
    const root = createJsonTree({ a: { b: { c: 1 } } }, { maxDepth: 1 });
    const a = root.children()[0];
    expect(a).toMatchObject({ childCount: 1, expandable: false });
    expect(a?.children()).toEqual([]);
  });

  it('handles 10,000 levels of nesting without overflowing the stack', () => {
    const depth = 10_000;
    const parsed = jsonView({ kind: 'text', text: '['.repeat(depth) + '1' + ']'.repeat(depth) }, 1024 * 1024);
    if (!parsed.ok) throw new Error(parsed.error);
    const root = createJsonTree(parsed.value, { maxDepth: 100_000, previewChars: 40 });
    const rows = visibleRows(root, () => true, 20_000);
    expect(rows).toHaveLength(depth + 1);
    expect(rows.at(-1)).toMatchObject({ type: 'number', depth });
    const capped = visibleRows(createJsonTree(parsed.value), () => true);
    expect(capped).toHaveLength(101); // default maxDepth 100
  });

  it('lists visible rows depth first, honouring expanded state and the row cap', () => {
    const root = createJsonTree({ a: [1, 2], b: { c: 3 } });
    const expanded = new Set(['', '/a']);
    expect(visibleRows(root, (p) => expanded.has(p)).map((r) => r.pointer)).toEqual(['', '/a', '/a/0', '/a/1', '/b']);
    expect(visibleRows(root, () => true, 3)).toHaveLength(3);
  });
});

describe('findEmbeddedJson', () => {
  it('finds JSON in strings, level by level up to the cap', () => {
    const level3 = JSON.stringify({ deepest: true });
    const level2 = JSON.stringify({ next: level3 });
    const value = { payload: JSON.stringify({ inner: level2 }), number: '42', text: 'hello' };
    expect(findEmbeddedJson(value, { maxLevels: 1 }).map((e) => [e.pointer, e.level])).toEqual([['/payload', 1]]);
    expect(findEmbeddedJson(value).map((e) => [e.pointer, e.level])).toEqual([
      ['/payload', 1],
      ['/payload/inner', 2],
      ['/payload/inner/next', 3],
    ]);
  });

  it('is bounded on huge values', () => {
    const value = Array.from({ length: 200_000 }, () => '[1]');
    expect(findEmbeddedJson(value, { maxNodes: 1000 }).length).toBeLessThan(1000);
  });
});
