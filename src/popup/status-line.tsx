import { describeCloseCode } from '../core/close-codes';
import { formatBytes, formatClock, makeVisible } from '../core/format';
import { frameRate } from '../inspector/model/traffic';
import { useStore } from '../inspector/view/use-store';
import type { ConnectionSummary } from '../protocol';
import type { ConnectionLog } from './connection-log';

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
  onClearLog,
}: {
  connection: ConnectionSummary;
  onDisconnect: () => void;
  onRemove: () => void;
  onClearLog: () => void;
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
      <button type="button" class="secondary" onClick={onClearLog}>
        Clear log
      </button>
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

/** Frames and bytes each way (the connection's socket summary), the rate now, round-trip times. */
export function StatsLine({ log, connectionId }: { log: ConnectionLog; connectionId: string }) {
  const state = useStore(log.inspector);
  const s = state.sockets.get(connectionId);
  const rate = frameRate(state.events, Date.now());
  const trips = log.roundTrips();
  const rtt =
    trips.lastMs === null
      ? ''
      : ` · RTT last ${trips.lastMs.toFixed(1)} ms, avg ${(trips.totalMs / trips.count).toFixed(1)} ms (${trips.count})`;
  const count = (n = 0) => n.toLocaleString('en-US');
  return (
    <p class="stats" role="status" aria-label="Counters">
      {`↑ ${count(s?.framesOut)} frames, ${formatBytes(s?.bytesOut ?? 0)} · ↓ ${count(s?.framesIn)} frames, ${formatBytes(
        s?.bytesIn ?? 0,
      )} · ${rate.out}/s ↑ ${rate.in}/s ↓${rtt}`}
    </p>
  );
}
