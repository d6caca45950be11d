import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useDecoders } from '../ui/use-decoders';
import { useStore } from '../ui/use-store';
import { ActPanel } from './act-panel';
import type { ActStore } from './act-store';
import { CaptureBar } from './capture-bar';
import { DetailPane } from './detail-pane';
import { FilterBar } from './filter-bar';
import { FrameTable } from './frame-table';
import type { PanelStore } from './panel-store';
import { SocketList } from './socket-list';
import { StatsView } from './stats-view';

/**
 * The panel: sockets | filter + frame table + details. Below 700 px the sockets stack above the
 * frames in a short strip (panel.css), and the "Sockets" button folds them away. `actions` is the slot for the controls
 * that act on the page's sockets (send, fake, rules), which live in their own components.
 */
export function PanelApp({ store, act, actions }: { store: PanelStore; act?: ActStore; actions?: ComponentChildren }) {
  const state = useStore(store);
  const [actOpen, setActOpen] = useState(false);
  useDecoders(); // rows show decoded summaries once the decoders have loaded
  const [socketsOpen, setSocketsOpen] = useState(true);
  const [statsOpen, setStatsOpen] = useState(false);
  const sockets = [...state.sockets.values()];
  const selected = state.selectedEvent === null ? undefined : state.events[state.selectedEvent];
  return (
    <main class={`panel${socketsOpen ? '' : ' sockets-closed'}`}>
      <div id="socket-pane" class="socket-pane" hidden={!socketsOpen}>
        <SocketList
          sockets={sockets}
          selected={state.selectedSocket}
          onSelect={store.selectSocket}
          matchCounts={state.filterActive ? state.matchCounts : null}
        />
      </div>
      <section class="frames">
        <CaptureBar
          store={store}
          state={state}
          socketsOpen={socketsOpen}
          onToggleSockets={() => setSocketsOpen(!socketsOpen)}
          statsOpen={statsOpen}
          onToggleStats={() => setStatsOpen(!statsOpen)}
          actions={
            <>
              {act && (
                <button
                  class="secondary"
                  aria-expanded={actOpen}
                  aria-controls="act-panel"
                  onClick={() => setActOpen(!actOpen)}
                >
                  Act
                </button>
              )}
              {actions}
            </>
          }
        />
        {act && actOpen && (
          <ActPanel
            store={act}
            socketId={state.selectedSocket}
            socketOpen={state.selectedSocket !== null && state.sockets.get(state.selectedSocket)?.state === 'open'}
            events={state.events}
          />
        )}
        <FilterBar filter={state.filter} error={state.filterError} onChange={store.setFilter} />
        {statsOpen && <StatsView events={state.events} socketId={state.selectedSocket} revision={state.revision} />}
        <FrameTable
          events={state.events}
          shown={state.shown}
          revision={state.revision}
          sockets={state.sockets}
          pattern={state.pattern}
          selected={state.selectedEvent}
          onSelect={store.selectEvent}
        />
        {selected ? (
          <DetailPane key={state.selectedEvent} event={selected} socket={state.sockets.get(selected.socketId)} />
        ) : (
          <p class="notice">
            Select a row to see its payload. In the table: ↑ ↓ Page Up/Down Home End move, Esc clears.
          </p>
        )}
      </section>
    </main>
  );
}
