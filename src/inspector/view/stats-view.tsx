import { useMemo, useState } from 'preact/hooks';
import { formatBytes } from '../../core/format';
import type { EventStore } from '../model/event-store';
import { perSecond, rateTimeline, trafficStats, type RateBucket } from '../model/traffic';
import { formatDuration } from '../model/time-format';

const W = 600;
const H = 80;

/** Totals and a message-rate chart (each way) for the selected socket or all of them. */
export function StatsView({
  events,
  socketId,
  revision,
}: {
  events: EventStore;
  socketId: string | null;
  revision: number;
}) {
  const [unit, setUnit] = useState<'frames' | 'bytes'>('frames');
  const pstats = useMemo(() => trafficStats(events, socketId), [events, socketId, revision]);
  const timeline = useMemo(() => rateTimeline(events, socketId), [events, socketId, revision]);
  const pick = (b: RateBucket, dir: 'In' | 'Out') =>
    perSecond(unit === 'frames' ? b[`frames${dir}`] : b[`bytes${dir}`], timeline.bucketMs);
  const peakIn = Math.max(0, ...timeline.buckets.map((b) => pick(b, 'In')));
  const peakOut = Math.max(0, ...timeline.buckets.map((b) => pick(b, 'Out')));
  const top = Math.max(peakIn, peakOut, 1e-9);
  const fmt = (v: number) =>
    unit === 'frames' ? `${v.toFixed(v < 10 ? 1 : 0)} frames/s` : `${formatBytes(Math.round(v))}/s`;
  const line = (dir: 'In' | 'Out') =>
    timeline.buckets
      .map((b, i) => `${((i + 0.5) / timeline.buckets.length) * W},${H - (pick(b, dir) / top) * (H - 4)}`)
      .join(' ');
  const span = pstats.first !== null && pstats.last !== null ? pstats.last - pstats.first : 0;
  return (
    <section class="pstats" role="region" aria-label="Statistics">
      <p class="pstats-line">
        {`↑ ${pstats.framesOut.toLocaleString()} sent, ${formatBytes(pstats.bytesOut)} (largest ${formatBytes(pstats.largestOut)}) · ` +
          `↓ ${pstats.framesIn.toLocaleString()} received, ${formatBytes(pstats.bytesIn)} (largest ${formatBytes(pstats.largestIn)}) · ` +
          `over ${formatDuration(span)}`}
      </p>
      <div class="pstats-chart-head">
        <span>{`Peak: ↓ ${fmt(peakIn)} · ↑ ${fmt(peakOut)} · ${formatDuration(timeline.bucketMs)} buckets`}</span>
        <button class="secondary" onClick={() => setUnit(unit === 'frames' ? 'bytes' : 'frames')}>
          {unit === 'frames' ? 'Show bytes/s' : 'Show frames/s'}
        </button>
      </div>
      <svg
        class="rate-chart"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Message rate: peak ${fmt(peakIn)} received, ${fmt(peakOut)} sent`}
      >
        <polyline class="rate-in" points={line('In')} />
        <polyline class="rate-out" points={line('Out')} />
      </svg>
      <p class="pstats-legend">
        <span class="legend-in">— received</span> <span class="legend-out">— sent</span>
      </p>
    </section>
  );
}
