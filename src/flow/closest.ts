/**
 * While an expect waits, the messages it did not accept: how many, and the closest one (by the
 * matcher's score) with its explanation. Only that one message is kept, however many arrive.
 */
import { describeCloseCode } from '../core/close-codes';
import { previewFrame, quote, type FlowFrame } from './frames';
import type { CloseInfo } from './inbox';

export interface ClosestTracker {
  consider(frame: FlowFrame, score: number, explain: () => string[]): void;
  readonly seen: number;
  /** Report lines: what came, and how the closest message differs. */
  describe(): string[];
}

export function createClosestTracker(): ClosestTracker {
  let seen = 0;
  let best: { frame: FlowFrame; score: number; explain: () => string[]; ordinal: number } | null = null;
  return {
    consider(frame, score, explain) {
      seen++;
      if (!best || score > best.score) best = { frame, score, explain, ordinal: seen };
    },
    get seen() {
      return seen;
    },
    describe() {
      if (!best) return ['no message was received'];
      const which =
        seen === 1 ? 'the only message received' : `the closest of ${seen} messages received (number ${best.ordinal})`;
      return [`${which}: ${previewFrame(best.frame)}`, ...best.explain()];
    },
  };
}

export function describeClose(close: CloseInfo): string {
  const reason = close.reason ? ` ${quote(close.reason, 80)}` : '';
  const error = close.error ? `; ${close.error}` : '';
  return `code ${close.code}${reason}, ${describeCloseCode(close.code)}${error}`;
}
