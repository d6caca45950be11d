import type { SocketEvent } from '../protocol';
import { payloadByteLength } from './format';

export interface LogStats {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Round trips paired so far, and the last one (ms). */
  rttCount: number;
  rttLast: number | null;
  rttTotal: number;
}

export const emptyStats = (): LogStats => ({
  framesIn: 0,
  framesOut: 0,
  bytesIn: 0,
  bytesOut: 0,
  rttCount: 0,
  rttLast: null,
  rttTotal: 0,
});

/** Counts a frame (call once per appended event). */
export function countEvent(stats: LogStats, e: SocketEvent): void {
  if (e.type !== 'frame') return;
  const bytes = payloadByteLength(e.payload);
  if (e.direction === 'in') {
    stats.framesIn++;
    stats.bytesIn += bytes;
  } else {
    stats.framesOut++;
    stats.bytesOut += bytes;
  }
}

/** Frames per second each way over the last `windowMs`, scanning back from the newest only. */
export function frameRate(events: readonly SocketEvent[], now: number, windowMs = 1_000): { in: number; out: number } {
  let inCount = 0;
  let outCount = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.time < now - windowMs) break;
    if (e.type === 'frame') e.direction === 'in' ? inCount++ : outCount++;
  }
  return { in: (inCount * 1000) / windowMs, out: (outCount * 1000) / windowMs };
}
