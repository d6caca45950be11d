import type { ComponentChildren } from 'preact';
import { matchRanges } from '../model/filter';

/** Text with the filter's matches wrapped in <mark>; text nodes only. */
export function Highlighted({ text, pattern }: { text: string; pattern: RegExp | null }) {
  const ranges = matchRanges(text, pattern);
  if (ranges.length === 0) return <>{text}</>;
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
