import { TRUNCATED_VALUE } from '../payload-views';

/**
 * Reads the start of a JSON text that was cut at the decode limit: the top-level object's (or
 * array's) members that fit are parsed, the first one that does not becomes TRUNCATED_VALUE and
 * reading stops. Lets a 16 MiB `{"type":"next","id":"1","payload":{…}}` show `next #1` from its
 * first KiB. Returns undefined when the text is not JSON as far as it goes.
 */
export function parseJsonPrefix(text: string, depth = 0): unknown {
  const start = skipSpace(text, 0);
  const open = text[start];
  if (open !== '{' && open !== '[') return TRUNCATED_VALUE;
  const isObject = open === '{';
  const entries: [string, unknown][] = [];
  const items: unknown[] = [];
  let pos = start + 1;
  for (;;) {
    pos = skipSpace(text, pos);
    if (pos >= text.length) break;
    if (text[pos] === (isObject ? '}' : ']')) break;
    let key = '';
    if (isObject) {
      const keyEnd = valueEnd(text, pos);
      if (keyEnd === null) break;
      const parsedKey = tryParse(text.slice(pos, keyEnd));
      if (typeof parsedKey !== 'string') return undefined;
      key = parsedKey;
      pos = skipSpace(text, keyEnd);
      if (text[pos] !== ':') {
        if (pos >= text.length) break;
        return undefined;
      }
      pos = skipSpace(text, pos + 1);
    }
    const end = valueEnd(text, pos);
    if (end === null) {
      // The member the cut falls in: read into it too, a few levels deep (each level rescans).
      const partial = depth < MAX_PREFIX_DEPTH ? parseJsonPrefix(text.slice(pos), depth + 1) : TRUNCATED_VALUE;
      const value = partial === undefined ? TRUNCATED_VALUE : partial;
      if (isObject) entries.push([key, value]);
      else items.push(value);
      break;
    }
    const value = tryParse(text.slice(pos, end));
    if (value === undefined) return undefined;
    if (isObject) entries.push([key, value]);
    else items.push(value);
    pos = skipSpace(text, end);
    if (text[pos] === ',') pos++;
    else if (pos < text.length && text[pos] !== (isObject ? '}' : ']')) return undefined;
  }
  return isObject ? Object.fromEntries(entries) : items;
}

const NOT_PARSED = undefined;
const MAX_PREFIX_DEPTH = 8;

function tryParse(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // The caller treats undefined as "not JSON"; a prefix has no other way to fail.
    return NOT_PARSED;
  }
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos++;
  return pos;
}

/** End (exclusive) of the JSON value starting at `pos`, or null when the text ends first. */
function valueEnd(text: string, pos: number): number | null {
  const first = text[pos];
  if (first === '"') return stringEnd(text, pos);
  if (first !== '{' && first !== '[') {
    let end = pos;
    while (end < text.length && !',}] \t\n\r'.includes(text[end] as string)) end++;
    return end < text.length ? end : null; // a number may continue past the cut
  }
  let depth = 0;
  for (let i = pos; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end === null) return null;
      i = end - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return null;
}

function stringEnd(text: string, pos: number): number | null {
  for (let i = pos + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return null;
}
