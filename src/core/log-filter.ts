import type { SocketEvent } from '../protocol';
import { makeVisible, previewPayload } from './format';

export interface LogFilter {
  readonly text: string;
  readonly regex: boolean;
  readonly direction: 'all' | 'in' | 'out';
  readonly type: 'all' | 'text' | 'binary' | 'lifecycle';
}

export const NO_FILTER: LogFilter = { text: '', regex: false, direction: 'all', type: 'all' };

/** Text a filter matches against: the payload for text frames, the hex preview for binary. */
function searchableText(e: SocketEvent): string {
  switch (e.type) {
    case 'frame':
      return e.payload.kind === 'text' ? e.payload.text : previewPayload(e.payload);
    case 'created':
      return e.url;
    case 'open':
      return `${e.protocol} ${e.extensions}`;
    case 'error':
      return e.message;
    case 'close':
      return `${e.code} ${e.reason}`;
  }
}

export type CompiledFilter =
  { ok: true; test: (e: SocketEvent) => boolean; active: boolean } | { ok: false; error: string };

export function compileFilter(filter: LogFilter): CompiledFilter {
  let matchText: (s: string) => boolean = () => true;
  if (filter.text !== '') {
    if (filter.regex) {
      let re: RegExp;
      try {
        re = new RegExp(filter.text, 'i');
      } catch (error) {
        return {
          ok: false,
          error: `Invalid regular expression: ${makeVisible(error instanceof Error ? error.message : String(error))}`,
        };
      }
      matchText = (s) => re.test(s);
    } else {
      const needle = filter.text.toLowerCase();
      matchText = (s) => s.toLowerCase().includes(needle);
    }
  }
  const active = filter.text !== '' || filter.direction !== 'all' || filter.type !== 'all';
  const test = (e: SocketEvent) => {
    if (filter.direction !== 'all' && (e.type !== 'frame' || e.direction !== filter.direction)) return false;
    if (filter.type === 'lifecycle' && e.type === 'frame') return false;
    if ((filter.type === 'text' || filter.type === 'binary') && (e.type !== 'frame' || e.payload.kind !== filter.type))
      return false;
    return matchText(searchableText(e));
  };
  return { ok: true, test, active };
}

/** Indices of the events that pass: the list renders these rows only. */
export function filterIndices(events: readonly SocketEvent[], test: (e: SocketEvent) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) if (test(events[i]!)) out.push(i);
  return out;
}
