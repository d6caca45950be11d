import { compileFilter, type CompiledFilter, type LogFilter } from '../core/log-filter';
import { countEvent, emptyStats, type LogStats } from '../core/log-stats';
import { createRttMatcher } from '../core/rtt';
import type { SocketEvent } from '../protocol';

/**
 * One connection's log as the popup holds it: events in order, counters, round-trip times and
 * the filtered row indices, all maintained incrementally so 10,000 msg/s cost O(new events).
 */
export function createConnectionLog() {
  let events: SocketEvent[] = [];
  let stats = emptyStats();
  let rtt = createRttMatcher();
  let rtts = new WeakMap<SocketEvent, number>();
  let filter: CompiledFilter & { ok: true } = { ok: true, test: () => true, active: false };
  let indices: number[] = [];
  let filteredUpTo = 0;

  const observe = (e: SocketEvent) => {
    countEvent(stats, e);
    const t = rtt.observe(e);
    if (t !== null) {
      rtts.set(e, t);
      stats.rttCount++;
      stats.rttTotal += t;
      stats.rttLast = t;
    }
  };
  const reset = () => {
    stats = emptyStats();
    rtt = createRttMatcher();
    rtts = new WeakMap();
    indices = [];
    filteredUpTo = 0;
  };

  return {
    append(batch: readonly SocketEvent[]) {
      for (const e of batch) {
        events.push(e);
        observe(e);
      }
    },
    replace(all: readonly SocketEvent[]) {
      events = [];
      reset();
      this.append(all);
    },
    /** Keeps at most `maxFrames` frames (the background's limit), dropping the oldest. */
    trim(maxFrames: number) {
      let frames = 0;
      for (const e of events) if (e.type === 'frame') frames++;
      let excess = frames - maxFrames;
      if (excess <= 0) return;
      events = events.filter((e) => e.type !== 'frame' || excess-- <= 0);
      indices = [];
      filteredUpTo = 0;
    },
    setFilter(f: LogFilter): string | null {
      const compiled = compileFilter(f);
      if (!compiled.ok) return compiled.error;
      filter = compiled;
      indices = [];
      filteredUpTo = 0;
      return null;
    },
    /** Row count and row → event; unfiltered logs skip the index array entirely. */
    view(): { count: number; at: (row: number) => SocketEvent } {
      if (!filter.active) return { count: events.length, at: (row) => events[row]! };
      for (; filteredUpTo < events.length; filteredUpTo++)
        if (filter.test(events[filteredUpTo]!)) indices.push(filteredUpTo);
      return { count: indices.length, at: (row) => events[indices[row]!]! };
    },
    events: () => events,
    stats: (): Readonly<LogStats> => stats,
    rttOf: (e: SocketEvent) => rtts.get(e) ?? null,
  };
}
export type ConnectionLog = ReturnType<typeof createConnectionLog>;
