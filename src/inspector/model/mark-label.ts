import type { FrameMark } from '../../protocol';

/** A short label for what the extension did to a frame, shown next to its direction. */
export function markLabel(mark: FrameMark | undefined): string {
  if (!mark) return '';
  switch (mark.kind) {
    case 'panel-send':
      return 'sent from panel';
    case 'fake':
      return 'faked';
    case 'blocked':
      return `blocked by rule ${mark.ruleId}`;
    case 'replaced':
      return `replaced by rule ${mark.ruleId}`;
    case 'delayed':
      return `delayed ${mark.delayMs} ms by rule ${mark.ruleId}`;
  }
}
