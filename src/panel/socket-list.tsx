import { describeCloseCode } from '../core/close-codes';
import { formatBytes, formatClock, makeVisible } from '../core/format';
import type { SocketSummary } from '../inspector/model/socket-summary';

interface SocketListProps {
  readonly sockets: readonly SocketSummary[];
  readonly selected: string | null;
  readonly onSelect: (socketId: string | null) => void;
  /** Matches of the active filter per socket; null when no filter is active. */
  readonly matchCounts: ReadonlyMap<string, number> | null;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 'es'}`;

/** The sockets of the inspected tab; "All sockets" merges their events in time order. */
export function SocketList({ sockets, selected, onSelect, matchCounts }: SocketListProps) {
  const total = matchCounts ? [...matchCounts.values()].reduce((a, b) => a + b, 0) : null;
  return (
    <aside class="sockets">
      <h2 id="sockets-title">{`Sockets (${sockets.length})`}</h2>
      <div role="listbox" aria-labelledby="sockets-title" class="socket-list">
        <button role="option" aria-selected={selected === null} class="socket" onClick={() => onSelect(null)}>
          <span class="socket-url">All sockets</span>
          {total !== null && <span class="socket-matches">{plural(total, 'match')}</span>}
        </button>
        {sockets.map((s) => (
          <SocketItem
            key={s.socketId}
            socket={s}
            selected={s.socketId === selected}
            onSelect={() => onSelect(s.socketId)}
            matches={matchCounts?.get(s.socketId) ?? (matchCounts ? 0 : null)}
          />
        ))}
      </div>
    </aside>
  );
}

function SocketItem({
  socket: s,
  selected,
  onSelect,
  matches,
}: {
  socket: SocketSummary;
  selected: boolean;
  onSelect: () => void;
  matches: number | null;
}) {
  const lifetime = [
    s.openedAt !== null ? `opened ${formatClock(s.openedAt)}` : `created ${formatClock(s.createdAt)}`,
    s.closedAt !== null ? `closed ${formatClock(s.closedAt)}` : '',
  ].filter(Boolean);
  return (
    <button role="option" aria-selected={selected} class={`socket state-${s.state}`} onClick={onSelect} title={s.url}>
      <span class="socket-url">{makeVisible(s.url || '(opened before capture)')}</span>
      <span class="socket-meta">
        {`${s.state}${s.protocol ? ` · ${makeVisible(s.protocol)}` : ''} · ↑${s.framesOut} ${formatBytes(s.bytesOut)} · ↓${s.framesIn} ${formatBytes(s.bytesIn)}`}
      </span>
      <span class="socket-meta">{lifetime.join(' · ')}</span>
      {s.closeCode !== null && (
        <span class="socket-meta">{`close ${s.closeCode} ${describeCloseCode(s.closeCode)}${s.closeReason ? ` “${makeVisible(s.closeReason)}”` : ''}`}</span>
      )}
      {s.errors > 0 && <span class="socket-meta socket-error">{`${s.errors} error${s.errors === 1 ? '' : 's'}`}</span>}
      {s.frameUrl && <span class="socket-meta socket-frame">{`in ${makeVisible(s.frameUrl)}`}</span>}
      {matches !== null && <span class="socket-matches">{plural(matches, 'match')}</span>}
    </button>
  );
}
