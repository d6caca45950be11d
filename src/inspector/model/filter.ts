import { base64Head } from '../../core/bytes';
import { previewPayload } from '../../core/format';
import { textHead } from '../../core/payload-views/payload-head';
import type { SocketEvent } from '../../protocol';
import { eventSize } from './event-size';

/** What the user asked for in the filter bar. Pure data: compiled once per change. */
export interface FrameFilter {
  readonly text: string;
  readonly regex: boolean;
  readonly matchCase: boolean;
  readonly sent: boolean;
  readonly received: boolean;
  readonly textFrames: boolean;
  readonly binaryFrames: boolean;
  readonly lifecycle: boolean;
  /** Bounds in bytes, as typed ("1k", "2 MiB"); '' = no bound. Only frames have a size. */
  readonly minSize: string;
  readonly maxSize: string;
}

export const EMPTY_FILTER: FrameFilter = {
  text: '',
  regex: false,
  matchCase: false,
  sent: true,
  received: true,
  textFrames: true,
  binaryFrames: true,
  lifecycle: true,
  minSize: '',
  maxSize: '',
};

export type CompiledFilter =
  | {
      readonly ok: true;
      readonly matches: (e: SocketEvent) => boolean;
      readonly pattern: RegExp | null;
      readonly active: boolean;
    }
  | { readonly ok: false; readonly error: string };

/** How much of one frame a search reads: a 16 MiB frame is searched in its first 1 MiB. */
export const SEARCH_TEXT_CHARS = 1024 * 1024;
const SEARCH_BINARY_BYTES = 16 * 1024;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
};

/** "1.5k" → 1536. null for '' (no bound); undefined when it is not a size. */
export function parseSize(input: string): number | null | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(input);
  if (input.trim() === '') return null;
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : undefined;
}

export function compileFilter(f: FrameFilter): CompiledFilter {
  let pattern: RegExp | null = null;
  if (f.text !== '') {
    const source = f.regex ? f.text : f.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    try {
      pattern = new RegExp(source, f.matchCase ? '' : 'i');
    } catch (error) {
      return {
        ok: false,
        error: `Invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const min = parseSize(f.minSize);
  const max = parseSize(f.maxSize);
  if (min === undefined)
    return { ok: false, error: `Minimum size “${f.minSize}” is not a size: use e.g. 512, 1k or 2 MiB` };
  if (max === undefined)
    return { ok: false, error: `Maximum size “${f.maxSize}” is not a size: use e.g. 512, 1k or 2 MiB` };
  const sized = min !== null || max !== null;
  const matches = (e: SocketEvent): boolean => {
    if (e.type === 'frame') {
      if (!(e.direction === 'out' ? f.sent : f.received)) return false;
      if (!(e.payload.kind === 'text' ? f.textFrames : f.binaryFrames)) return false;
      if (sized) {
        const size = eventSize(e);
        if ((min !== null && size < min) || (max !== null && size > max)) return false;
      }
    } else if (!f.lifecycle || sized) return false;
    return pattern === null || pattern.test(searchableText(e));
  };
  const active = pattern !== null || sized || !(f.sent && f.received && f.textFrames && f.binaryFrames && f.lifecycle);
  return { ok: true, matches, pattern, active };
}

const searchCache = new WeakMap<SocketEvent, string>();
const lossyUtf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The text a search looks in: what the user sees of the event. Binary frames are searched in
 * their hex preview and in their first 16 KiB read as UTF-8 (string keys of MessagePack, …).
 */
export function searchableText(e: SocketEvent): string {
  const cached = searchCache.get(e);
  if (cached !== undefined) return cached;
  let text: string;
  switch (e.type) {
    case 'frame':
      if (e.payload.kind === 'text') return textHead(e.payload.text, SEARCH_TEXT_CHARS).text;
      text = `${previewPayload(e.payload)}\n${lossyUtf8.decode(base64Head(e.payload.base64, SEARCH_BINARY_BYTES))}`;
      break;
    case 'created':
      text = `${e.url}\n${e.frameUrl}\n${e.protocols.join(', ')}`;
      break;
    case 'open':
      text = `${e.protocol}\n${e.extensions}`;
      break;
    case 'error':
      text = e.message;
      break;
    case 'close':
      text = `${e.code} ${e.reason}`;
      break;
  }
  searchCache.set(e, text);
  return text;
}

/** [start, end) ranges of the pattern's matches in `text` (at most `max`), for highlighting. */
export function matchRanges(text: string, pattern: RegExp | null, max = 20): [number, number][] {
  if (!pattern) return [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const ranges: [number, number][] = [];
  for (let m = global.exec(text); m && ranges.length < max; m = global.exec(text)) {
    if (m[0].length === 0) {
      global.lastIndex++; // an empty match (e.g. /a*/) would loop forever
      continue;
    }
    ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}
