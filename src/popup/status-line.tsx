import { describeCloseCode } from '../core/close-codes';
import { formatBytes, formatClock, makeVisible } from '../core/format';
import { frameRate, type LogStats } from '../core/log-stats';
import type { ConnectionSummary, SocketEvent } from '../protocol';

export function statusText(c: ConnectionSummary, now: number): string {
  if (c.state === 'open') {
    const took = c.openedAt !== null ? ` in ${Math.round(c.openedAt - c.createdAt)} ms` : '';
    return `Open since ${formatClock(c.openedAt ?? 0)}${took} · protocol ${c.protocol ? makeVisible(c.protocol) : '(none)'} · extensions ${
      c.extensions ? makeVisible(c.extensions) : '(none)'
    }`;
  }
  if (c.state === 'connecting')
    return c.reconnectAttempt > 0 ? `Reconnecting (attempt ${c.reconnectAttempt})…` : 'Connecting…';
  if (c.state === 'closing') return 'Closing…';
  let text = c.closeCode !== null ? `Closed: ${c.closeCode} ${describeCloseCode(c.closeCode)}` : 'Closed';
  if (c.closeReason) text += ` — “${makeVisible(c.closeReason)}”`;
  if (c.openedAt === null && c.reconnectAttempt === 0) text = `Failed to connect. ${text}`;
  if (c.reconnectAt !== null)
    text += ` · reconnect attempt ${c.reconnectAttempt} in ${Math.max(0, Math.ceil((c.reconnectAt - now) / 1000))} s`;
  return text;
}

export function StatusLine({
  connection: c,
  onDisconnect,
  onRemove,
}: {
  connection: ConnectionSummary;
  onDisconnect: () => void;
  onRemove: () => void;
}) {
  return (
    <div class="status">
      <span class={`badge state-${c.state}`} role="status" aria-label="Connection status">
        {statusText(c, Date.now())}
      </span>
      {c.dropped > 0 && (
        <span class="dropped" role="status" aria-label="Dropped entries">
          {c.dropped.toLocaleString('en-US')} entries dropped (log limit {c.frameLimit.toLocaleString('en-US')} reached)
        </span>
      )}
      {c.state === 'open' || c.state === 'connecting' || c.reconnectAt !== null ? (
        <button type="button" onClick={onDisconnect}>
          Disconnect
        </button>
      ) : (
        <button type="button" class="secondary" onClick={onRemove}>
          Remove connection
        </button>
      )}
    </div>
  );
}

export function StatsLine({ stats, events }: { stats: Readonly<LogStats>; events: readonly SocketEvent[] }) {
  const rate = frameRate(events, Date.now());
  const rtt =
    stats.rttLast === null
      ? ''
      : ` · RTT last ${stats.rttLast.toFixed(1)} ms, avg ${(stats.rttTotal / stats.rttCount).toFixed(1)} ms (${stats.rttCount})`;
  return (
    <p class="stats" role="status" aria-label="Counters">
      {`↑ ${stats.framesOut.toLocaleString('en-US')} frames, ${formatBytes(stats.bytesOut)} · ↓ ${stats.framesIn.toLocaleString('en-US')} frames, ${formatBytes(
        stats.bytesIn,
      )} · ${rate.out}/s ↑ ${rate.in}/s ↓${rtt}`}
    </p>
  );
}
