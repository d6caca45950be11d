/**
 * The JSON path subset flows use, written by hand so its meaning is exact and small:
 *
 *   $            the whole message
 *   .name        a member whose name is an identifier (letters, digits, _, $, -; not first a digit)
 *   ['any key']  a member by any name, in single or double quotes (\' \" \\ escape)
 *   [0]          an array element by index (0 is the first; no negative indexes)
 *
 * No wildcards, filters, slices or recursive descent: a path names at most one value.
 */
export type PathSegment = { readonly key: string } | { readonly index: number };

export interface JsonPath {
  readonly source: string;
  readonly segments: readonly PathSegment[];
}

/** The same grammar as a regular expression: docs/flow.schema.json uses it as a `pattern`. */
export const JSON_PATH_PATTERN =
  '^\\$(?:\\.[A-Za-z_$][A-Za-z0-9_$-]*|\\[(?:0|[1-9][0-9]*)\\]|\\[\'(?:[^\'\\\\]|\\\\.)*\'\\]|\\["(?:[^"\\\\]|\\\\.)*"\\])*$';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*/;
const INDEX = /^\[(0|[1-9][0-9]*)\]/;
const QUOTED = /^\[(['"])((?:(?!\1)[^\\]|\\.)*)\1\]/;

export function parseJsonPath(source: string): { ok: true; path: JsonPath } | { ok: false; error: string } {
  if (!source.startsWith('$')) return { ok: false, error: `JSON path "${source}" must start with $` };
  const segments: PathSegment[] = [];
  let rest = source.slice(1);
  while (rest.length > 0) {
    const at = source.length - rest.length;
    if (rest.startsWith('.')) {
      const name = IDENTIFIER.exec(rest.slice(1));
      if (!name) return { ok: false, error: `JSON path "${source}": expected a member name after "." at ${at}` };
      segments.push({ key: name[0] });
      rest = rest.slice(1 + name[0].length);
      continue;
    }
    const index = INDEX.exec(rest);
    if (index) {
      segments.push({ index: Number(index[1]) });
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = QUOTED.exec(rest);
    if (quoted) {
      segments.push({ key: (quoted[2] ?? '').replace(/\\(.)/g, '$1') });
      rest = rest.slice(quoted[0].length);
      continue;
    }
    return { ok: false, error: `JSON path "${source}": expected .name, [index] or ['key'] at ${at}` };
  }
  return { ok: true, path: { source, segments } };
}

export type PathLookup =
  { readonly found: true; readonly value: unknown } | { readonly found: false; readonly at: string };

/** The value `path` names in `root`; when absent, `at` is the longest prefix that exists. */
export function lookupJsonPath(root: unknown, path: JsonPath): PathLookup {
  let value = root;
  let at = '$';
  for (const segment of path.segments) {
    if ('index' in segment) {
      if (!Array.isArray(value) || segment.index >= value.length) return { found: false, at };
      value = value[segment.index] as unknown;
      at += `[${segment.index}]`;
    } else {
      if (!isPlainObject(value) || !Object.hasOwn(value, segment.key)) return { found: false, at };
      value = value[segment.key];
      at += formatKey(segment.key);
    }
  }
  return { found: true, value };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a member appears in a path: `.name` when it can, `['name']` otherwise. */
export function formatKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `.${key}` : `['${key.replace(/[\\']/g, '\\$&')}']`;
}
