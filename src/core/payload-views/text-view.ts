import type { WirePayload } from '../../protocol';
import { payloadHead, textHead } from './payload-head';
import { scanUtf8 } from './utf8-scan';

/** A run of text, or bytes that are not text, in the order they appear. */
export type TextSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'invalid'; readonly offset: number; readonly escaped: string };

export interface TextView {
  readonly segments: readonly TextSegment[];
  /** The whole view as one string, invalid bytes as `\x80`, lone surrogates as `\uD800`. */
  readonly rendered: string;
  /** True when every byte shown is valid UTF-8 (text frames: no lone surrogates). */
  readonly valid: boolean;
  /** Invalid sequences found (all of them, even past the listed segments' cap). */
  readonly invalidCount: number;
  /** Offsets are bytes for binary frames, UTF-16 units for text frames (the browser's string). */
  readonly offsetUnit: 'byte' | 'char';
  readonly truncated: boolean;
}

/** Invalid sequences shown one by one; a blob with more is not text, and the rest shows as U+FFFD. */
const MAX_LISTED_PROBLEMS = 10_000;

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/**
 * Text of a frame with invalid UTF-8 shown as such. Reads at most `maxBytes` of the frame; a
 * sequence cut by that limit is not reported as invalid.
 */
export function textView(payload: WirePayload, maxBytes: number): TextView {
  if (payload.kind === 'text') return stringView(payload.text, maxBytes);
  const head = payloadHead(payload, maxBytes);
  const scan = scanUtf8(head.bytes, MAX_LISTED_PROBLEMS);
  const decoder = new TextDecoder();
  const segments: TextSegment[] = [];
  let position = 0;
  const pushText = (end: number) => {
    if (end > position) segments.push({ kind: 'text', text: decoder.decode(head.bytes.subarray(position, end)) });
  };
  for (const problem of scan.problems) {
    pushText(problem.offset);
    const bad = head.bytes.subarray(problem.offset, problem.offset + problem.length);
    segments.push({
      kind: 'invalid',
      offset: problem.offset,
      escaped: Array.from(bad, (b) => `\\x${hex2(b)}`).join(''),
    });
    position = problem.offset + problem.length;
  }
  if (scan.problemCount > scan.problems.length) {
    // Past the cap (a binary blob, not text) the rest shows as the browser would, with U+FFFD.
    pushText(head.bytes.length);
    return finish(segments, scan.problemCount, 'byte', head.truncated);
  }
  // An incomplete tail is only a problem when the frame really ends there.
  const cutTail = head.truncated ? scan.incompleteTail : 0;
  if (!head.truncated && scan.incompleteTail > 0) {
    const offset = head.bytes.length - scan.incompleteTail;
    pushText(offset);
    const bad = head.bytes.subarray(offset);
    segments.push({ kind: 'invalid', offset, escaped: Array.from(bad, (b) => `\\x${hex2(b)}`).join('') });
    position = head.bytes.length;
  }
  pushText(head.bytes.length - cutTail);
  const invalidCount = scan.problemCount + (!head.truncated && scan.incompleteTail > 0 ? 1 : 0);
  return finish(segments, invalidCount, 'byte', head.truncated);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function stringView(text: string, maxChars: number): TextView {
  const head = textHead(text, maxChars);
  const segments: TextSegment[] = [];
  let position = 0;
  let invalidCount = 0;
  for (const match of head.text.matchAll(LONE_SURROGATE)) {
    const offset = match.index;
    if (offset > position) segments.push({ kind: 'text', text: head.text.slice(position, offset) });
    segments.push({ kind: 'invalid', offset, escaped: `\\u${match[0].charCodeAt(0).toString(16).toUpperCase()}` });
    position = offset + 1;
    invalidCount++;
  }
  if (position < head.text.length) segments.push({ kind: 'text', text: head.text.slice(position) });
  return finish(segments, invalidCount, 'char', head.truncated);
}

function finish(
  segments: TextSegment[],
  invalidCount: number,
  offsetUnit: 'byte' | 'char',
  truncated: boolean,
): TextView {
  const rendered = segments.map((s) => (s.kind === 'text' ? s.text : s.escaped)).join('');
  return { segments, rendered, valid: invalidCount === 0, invalidCount, offsetUnit, truncated };
}
