/**
 * protobufjs's parser names the line of a syntax error but not the column
 * ("illegal token '}' (schema.proto, line 5)"), and some errors name neither ("duplicate name
 * 'A' in Namespace .pkg"). This finds the column (and the line, when missing) in the text.
 */

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units of the line. */
  readonly column: number;
}

const ILLEGAL = /^illegal (.+?) '([^]*?)'(?:, '.*' expected)? \((?:.+?, )?line (\d+)\)$/;
const ILLEGAL_NO_TOKEN = /^illegal (string|comment) \(line (\d+)\)$/;
const DUPLICATE_NAME = /^duplicate name '(.+?)' in/;
const DUPLICATE_ID = /^duplicate id (\d+) in \S+ (\S+)$/;
/** Candidates of one token on a line that are checked by parsing again. */
const MAX_CANDIDATES = 20;

/**
 * `reparse(prefix)` parses the text cut after a candidate token and returns the error message it
 * gives (or null): the candidate where protobufjs fails with the same message is the one.
 */
export function locateError(message: string, text: string, reparse: (prefix: string) => string | null): SourcePosition {
  const lines = text.split('\n');
  const illegal = ILLEGAL.exec(message);
  if (illegal) {
    const [, what, token, lineText] = illegal as unknown as [string, string, string, string];
    const line = clampLine(Number(lineText), lines.length);
    if (what === 'end of input') return endOf(lines);
    return { line, column: tokenColumn(lines, line, token, message, reparse) };
  }
  const noToken = ILLEGAL_NO_TOKEN.exec(message);
  if (noToken) {
    const line = clampLine(Number(noToken[2]), lines.length);
    const opener = noToken[1] === 'comment' ? '/*' : /["']/;
    return lastBefore(lines, line, opener) ?? { line, column: 1 };
  }
  const name = DUPLICATE_NAME.exec(message)?.[1];
  if (name) return nthDeclaration(lines, name.split('.').pop() ?? name, 2) ?? { line: 1, column: 1 };
  const id = DUPLICATE_ID.exec(message);
  if (id) return nthMatch(lines, new RegExp(`=\\s*${id[1]}\\b`), 2) ?? { line: 1, column: 1 };
  if (message.startsWith('Unknown edition') || message.includes('syntax'))
    return nthMatch(lines, /\b(?:syntax|edition)\b/, 1) ?? { line: 1, column: 1 };
  if (message === 'max depth exceeded') return deepestBrace(lines) ?? { line: 1, column: 1 };
  return { line: 1, column: 1 };
}

const clampLine = (line: number, count: number) => Math.min(Math.max(1, line || 1), Math.max(1, count));

function endOf(lines: readonly string[]): SourcePosition {
  const last = lines.length;
  return { line: last, column: (lines[last - 1] ?? '').length + 1 };
}

function tokenColumn(
  lines: readonly string[],
  line: number,
  token: string,
  message: string,
  reparse: (prefix: string) => string | null,
): number {
  const lineText = lines[line - 1] ?? '';
  const columns = tokenColumns(lineText, token);
  if (columns.length === 0) return 1;
  if (columns.length === 1) return (columns[0] as number) + 1;
  const before = lines.slice(0, line - 1).join('\n') + (line > 1 ? '\n' : '');
  for (const column of columns.slice(0, MAX_CANDIDATES)) {
    if (reparse(before + lineText.slice(0, column + token.length)) === message) return column + 1;
  }
  return (columns[0] as number) + 1;
}

/** 0-based columns where `token` stands on its own (not inside a longer word), before any `//`. */
function tokenColumns(lineText: string, token: string): number[] {
  if (token === '') return [];
  const comment = lineText.indexOf('//');
  const searchable = comment === -1 ? lineText : lineText.slice(0, comment);
  const word = /^\w/.test(token);
  const columns: number[] = [];
  for (let at = searchable.indexOf(token); at !== -1; at = searchable.indexOf(token, at + 1)) {
    const before = searchable[at - 1] ?? ' ';
    const after = searchable[at + token.length] ?? ' ';
    if (!word || (!/[\w.]/.test(before) && !/[\w.]/.test(after))) columns.push(at);
  }
  return columns;
}

function lastBefore(lines: readonly string[], line: number, opener: string | RegExp): SourcePosition | null {
  for (let l = line; l >= 1; l--) {
    const text = lines[l - 1] ?? '';
    const at = typeof opener === 'string' ? text.lastIndexOf(opener) : text.search(opener);
    if (at !== -1) return { line: l, column: at + 1 };
  }
  return null;
}

function nthDeclaration(lines: readonly string[], name: string, n: number): SourcePosition | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const declaration = new RegExp(`\\b(?:message|enum|service|extend|\\w+)\\s+(${escaped})\\b`);
  return nthMatch(lines, declaration, n, 1) ?? nthMatch(lines, declaration, 1, 1);
}

function nthMatch(lines: readonly string[], pattern: RegExp, n: number, group = 0): SourcePosition | null {
  let seen = 0;
  for (let l = 0; l < lines.length; l++) {
    const match = pattern.exec(lines[l] ?? '');
    if (match && ++seen === n) {
      const offset = group === 0 ? 0 : (match[0].lastIndexOf(match[group] ?? '') ?? 0);
      return { line: l + 1, column: match.index + offset + 1 };
    }
  }
  return null;
}

/** Where braces first nest deeper than protobufjs's limit (32, like protoc's). */
function deepestBrace(lines: readonly string[]): SourcePosition | null {
  let depth = 0;
  for (let l = 0; l < lines.length; l++) {
    const text = lines[l] ?? '';
    for (let c = 0; c < text.length; c++) {
      if (text[c] === '{' && ++depth > 32) return { line: l + 1, column: c + 1 };
      if (text[c] === '}') depth--;
    }
  }
  return null;
}
