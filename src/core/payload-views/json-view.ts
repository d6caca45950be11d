import type { WirePayload } from '../../protocol';
import { formatBytes } from '../format';
import { textView } from './text-view';

export type JsonView =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly error: string;
      /** Where parsing stopped (UTF-16 offset, 1-based line and column) when the engine says. */
      readonly position?: { readonly offset: number; readonly line: number; readonly column: number };
      /** The frame is larger than the limit: parsing was not tried. Offer a larger limit. */
      readonly tooLarge?: boolean;
    };

/** Parses a frame as JSON, but never one larger than `maxBytes` (no partial parse of JSON). */
export function jsonView(payload: WirePayload, maxBytes: number): JsonView {
  const view = textView(payload, maxBytes);
  if (view.truncated) return { ok: false, error: `larger than ${formatBytes(maxBytes)}: not parsed`, tooLarge: true };
  if (!view.valid) return { ok: false, error: 'not valid UTF-8 text' };
  return parseJson(view.rendered);
}

export function parseJson(text: string): JsonView {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = errorPosition(message, text);
    return position ? { ok: false, error: message, position } : { ok: false, error: message };
  }
}

// V8: "… at position 7 (line 1 column 8)"; SpiderMonkey: "… at line 1 column 8 of the JSON data".
function errorPosition(message: string, text: string): { offset: number; line: number; column: number } | undefined {
  const offsetMatch = /at position (\d+)/.exec(message);
  if (offsetMatch) return locate(text, Number(offsetMatch[1]));
  const lineMatch = /line (\d+) column (\d+)/.exec(message);
  if (!lineMatch) return undefined;
  const line = Number(lineMatch[1]);
  const column = Number(lineMatch[2]);
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return { offset: offset + column - 1, line, column };
}

function locate(text: string, offset: number) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** A string inside a JSON value that is itself JSON (an object or array), e.g. `{"data":"{\"a\":1}"}`. */
export interface EmbeddedJson {
  /** RFC 6901 pointer to the string; pointers of deeper levels continue into the parsed value. */
  readonly pointer: string;
  readonly value: unknown;
  /** 1 for JSON in a string of the frame, 2 for JSON in a string of that, … */
  readonly level: number;
}

export interface EmbeddedJsonOptions {
  /** How many levels of JSON-in-a-string to follow (1 = only strings of the frame's own JSON). */
  readonly maxLevels?: number;
  /** Values visited in all; bounds the cost on huge documents. */
  readonly maxNodes?: number;
  readonly maxResults?: number;
}

/** Cheap test before a parse: only objects and arrays count as embedded JSON, not `"42"`. */
export function looksLikeJsonContainer(s: string): boolean {
  const t = s.trim();
  return t.length >= 2 && ((t[0] === '{' && t.at(-1) === '}') || (t[0] === '[' && t.at(-1) === ']'));
}

export const escapePointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Finds JSON nested in string values, following up to `maxLevels` levels. Iterative: any depth. */
export function findEmbeddedJson(value: unknown, options: EmbeddedJsonOptions = {}): EmbeddedJson[] {
  const { maxLevels = 3, maxNodes = 100_000, maxResults = 1000 } = options;
  const found: EmbeddedJson[] = [];
  const stack: { value: unknown; pointer: string; level: number }[] = [{ value, pointer: '', level: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < maxNodes && found.length < maxResults) {
    const item = stack.pop();
    if (!item) break;
    visited++;
    const current = item.value;
    if (typeof current === 'string') {
      if (item.level >= maxLevels || !looksLikeJsonContainer(current)) continue;
      const parsed = parseJson(current);
      if (!parsed.ok) continue;
      found.push({ pointer: item.pointer, value: parsed.value, level: item.level + 1 });
      stack.push({ value: parsed.value, pointer: item.pointer, level: item.level + 1 });
    } else if (stack.length >= maxNodes) {
      continue; // the walk cannot finish within maxNodes anyway; keep memory bounded too
    } else if (Array.isArray(current)) {
      for (let i = Math.min(current.length, maxNodes) - 1; i >= 0; i--)
        stack.push({ value: current[i], pointer: `${item.pointer}/${i}`, level: item.level });
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current).slice(0, maxNodes).reverse();
      for (const key of keys) {
        stack.push({
          value: (current as Record<string, unknown>)[key],
          pointer: `${item.pointer}/${escapePointerToken(key)}`,
          level: item.level,
        });
      }
    }
  }
  return found;
}
