import { useMemo } from 'preact/hooks';
import { makeVisible } from '../core/format';
import { EventRow } from '../ui/event-row';
import { useStore } from '../ui/use-store';
import { VirtualList } from '../ui/virtual-list';
import type { PanelStore, SocketSummary } from './panel-store';

const ROW_HEIGHT = 24;

export function PanelApp({ store }: { store: PanelStore }) {
  const state = useStore(store);
  const sockets = [...state.sockets.values()];
  const selected = state.selectedSocket;
  // Recomputed when the selection or the event count changes (events only ever grow).
  const shown = useMemo(
    () => (selected === null ? state.events : state.events.filter((e) => e.socketId === selected)),
    [selected, state.events.length, state.revision],
  );

  return (
    <main class="panel">
      <aside class="sockets">
        <h2 id="sockets-title">Sockets ({sockets.length})</h2>
        <div role="listbox" aria-labelledby="sockets-title" class="socket-list">
          <button role="option" aria-selected={selected === null} class="socket" onClick={() => store.selectSocket(null)}>
            All sockets
          </button>
          {sockets.map((s) => (
            <SocketItem key={s.socketId} socket={s} selected={s.socketId === selected} onSelect={() => store.selectSocket(s.socketId)} />
          ))}
        </div>
      </aside>
      <section class="frames">
        <div class="toolbar" role="status" aria-label="Capture status">
          <span>{`${shown.length.toLocaleString()} events`}</span>
          {state.dropped > 0 && <span class="dropped">{`${state.dropped.toLocaleString()} frames dropped (capture limit reached)`}</span>}
        </div>
        <VirtualList count={shown.length} rowHeight={ROW_HEIGHT} label="Frames" role="log" renderRow={(i) => <EventRow event={shown[i]!} />} />
      </section>
    </main>
  );
}

function SocketItem({ socket: s, selected, onSelect }: { socket: SocketSummary; selected: boolean; onSelect: () => void }) {
  return (
    <button role="option" aria-selected={selected} class={`socket state-${s.state}`} onClick={onSelect}>
      <span class="socket-url">{makeVisible(s.url || '(opened before capture)')}</span>
      <span class="socket-meta">
        {`${s.state}${s.protocol ? ` · ${makeVisible(s.protocol)}` : ''} · ↑${s.framesOut} ↓${s.framesIn}${
          s.closeCode !== null ? ` · closed ${s.closeCode}` : ''
        }`}
      </span>
    </button>
  );
}
