import { escapePointerToken, looksLikeJsonContainer, parseJson } from './json-view';
import { previewValue, TRUNCATED_VALUE } from './value-preview';

export type JsonNodeType =
  | 'object'
  | 'array'
  | 'map'
  | 'string'
  /** A string whose content is a JSON object or array: expandable like one. */
  | 'json-string'
  | 'number'
  | 'bigint'
  | 'boolean'
  | 'null'
  | 'undefined'
  | 'bytes'
  | 'date'
  /** Past the decode limit: the value was not read. */
  | 'truncated'
  | 'other';

/** One node of a collapsible value viewer. Children are built only when asked for. */
export interface JsonTreeNode {
  /** Property name, array index or map key as text; '' for the root. */
  readonly key: string;
  /** RFC 6901 pointer: a stable id for expanded/selected state. */
  readonly pointer: string;
  readonly depth: number;
  readonly type: JsonNodeType;
  /** One line, at most `previewChars` long. */
  readonly preview: string;
  /** Number of children (for a json-string: of the value it holds, 0 when it fails to parse). */
  readonly childCount: number;
  /** False for leaves and for containers at the depth limit. */
  readonly expandable: boolean;
  /** Children `start` .. `start + count - 1`, so a 100,000-element array can be paged. */
  children(start?: number, count?: number): readonly JsonTreeNode[];
}

export interface JsonTreeOptions {
  /** Nodes deeper than this are shown but cannot be expanded. */
  readonly maxDepth?: number;
  readonly previewChars?: number;
  /** Strings longer than this are not parsed as embedded JSON. */
  readonly maxEmbeddedChars?: number;
}

const DEFAULTS = { maxDepth: 100, previewChars: 80, maxEmbeddedChars: 1024 * 1024 };

export function createJsonTree(value: unknown, options: JsonTreeOptions = {}): JsonTreeNode {
  return createNode(value, '', '', 0, { ...DEFAULTS, ...options });
}

type Settings = Required<JsonTreeOptions>;
type Entries = { readonly count: number; slice(start: number, end: number): [string, unknown][] };

function entriesOf(value: unknown, settings: Settings): Entries | null {
  if (value === TRUNCATED_VALUE || value === null || typeof value !== 'object') {
    if (typeof value !== 'string' || value.length > settings.maxEmbeddedChars || !looksLikeJsonContainer(value))
      return null;
    const parsed = parseJson(value);
    return parsed.ok ? entriesOf(parsed.value, settings) : null;
  }
  if (value instanceof Uint8Array || value instanceof Date) return null;
  if (Array.isArray(value)) {
    return {
      count: value.length,
      slice: (start, end) => value.slice(start, end).map((v, i) => [String(start + i), v]),
    };
  }
  if (value instanceof Map) {
    const keys = [...value.keys()];
    return {
      count: keys.length,
      slice: (start, end) =>
        keys.slice(start, end).map((k) => [typeof k === 'string' ? k : previewValue(k, 40), value.get(k)]),
    };
  }
  const keys = Object.keys(value);
  return {
    count: keys.length,
    slice: (start, end) => keys.slice(start, end).map((k) => [k, (value as Record<string, unknown>)[k]]),
  };
}

function typeOf(value: unknown, hasEntries: boolean): JsonNodeType {
  if (value === TRUNCATED_VALUE) return 'truncated';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map) return 'map';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return 'date';
  switch (typeof value) {
    case 'string':
      return hasEntries ? 'json-string' : 'string';
    case 'number':
      return 'number';
    case 'bigint':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    case 'undefined':
      return 'undefined';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

function createNode(value: unknown, key: string, pointer: string, depth: number, settings: Settings): JsonTreeNode {
  // Embedded JSON is parsed once per node, and only for strings that look like a container.
  let entries: Entries | null | undefined;
  const getEntries = () => (entries === undefined ? (entries = entriesOf(value, settings)) : entries);
  const type = typeOf(value, getEntries() !== null);
  const childCount = getEntries()?.count ?? 0;
  return {
    key,
    pointer,
    depth,
    type,
    preview: previewValue(value, settings.previewChars),
    childCount,
    expandable: childCount > 0 && depth < settings.maxDepth,
    children(start = 0, count = childCount) {
      const list = getEntries();
      if (!list || depth >= settings.maxDepth) return [];
      return list
        .slice(start, start + count)
        .map(([childKey, child]) =>
          createNode(child, childKey, `${pointer}/${escapePointerToken(childKey)}`, depth + 1, settings),
        );
    },
  };
}

/**
 * The rows a virtual list shows: the root and, depth first, the children of every expanded node.
 * Iterative, so a 10,000-level document expanded all the way down does not overflow the stack;
 * at most `maxRows` rows (and at most `maxChildrenPerNode` children of one node) are produced.
 */
export function visibleRows(
  root: JsonTreeNode,
  isExpanded: (pointer: string) => boolean,
  maxRows = 10_000,
  maxChildrenPerNode = 1000,
): JsonTreeNode[] {
  const rows: JsonTreeNode[] = [];
  const stack: JsonTreeNode[] = [root];
  while (stack.length > 0 && rows.length < maxRows) {
    const node = stack.pop();
    if (!node) break;
    rows.push(node);
    if (node.expandable && isExpanded(node.pointer)) {
      const children = node.children(0, maxChildrenPerNode);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as JsonTreeNode);
    }
  }
  return rows;
}
