import { useEffect, useState } from 'preact/hooks';
import type { InspectorStore } from '../inspector/model/inspector-store';
import { DATA, DELTA, DIRECTION, SINCE_OPEN, SIZE, TIME, TYPE, type Column } from '../inspector/view/columns';
import { InspectorView } from '../inspector/view/inspector-view';
import { SplitPane } from '../inspector/view/split-pane';
import { StatsView } from '../inspector/view/stats-view';
import { useDecoders } from '../inspector/view/use-decoders';
import { useStore } from '../inspector/view/use-store';
import { ActPanel } from './act-panel';
import type { ActStore } from './act-store';
import { CaptureBar } from './capture-bar';
import type { PanelStore } from './panel-store';
import { SocketList } from './socket-list';

const COLUMNS: readonly Column[] = [DIRECTION, TIME, SINCE_OPEN, SIZE, TYPE, DATA];
const WITH_DELTA: readonly Column[] = [DIRECTION, TIME, SINCE_OPEN, DELTA, SIZE, TYPE, DATA];

/** True while the panel is narrower than `px` (DevTools docked to the side). */
function useNarrow(px: number): boolean {
  const query = `(max-width: ${px}px)`;
  const [narrow, setNarrow] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const onChange = () => setNarrow(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return narrow;
}

/**
 * The panel: sockets | capture bar, Act drawer and the inspector (filter, frames, details).
 * Narrow (docked to the side), the sockets stack above the frames; "Sockets" folds them away.
 */
export function PanelApp({ store, act }: { store: PanelStore; act?: ActStore }) {
  const panel = useStore(store);
  const view: InspectorStore = panel.view;
  const state = useStore(view);
  useDecoders(); // rows show decoded summaries once the decoders have loaded
  const [socketsOpen, setSocketsOpen] = useState(true);
  const [statsOpen, setStatsOpen] = useState(false);
  const [actOpen, setActOpen] = useState(false);
  const [showDelta, setShowDelta] = useState(false);
  const narrow = useNarrow(700);
  const selectedSocket = state.selectedSocket === null ? undefined : state.sockets.get(state.selectedSocket);

  const frames = (
    <section class="frames" aria-label="Frames of the inspected tab">
      <CaptureBar
        store={store}
        panel={panel}
        inspector={state}
        socketsOpen={socketsOpen}
        onToggleSockets={() => setSocketsOpen(!socketsOpen)}
        statsOpen={statsOpen}
        onToggleStats={() => setStatsOpen(!statsOpen)}
        showDelta={showDelta}
        onToggleDelta={() => setShowDelta(!showDelta)}
        actOpen={act ? actOpen : null}
        onToggleAct={() => setActOpen(!actOpen)}
      />
      {act && actOpen && (
        <ActPanel
          store={act}
          socketId={state.selectedSocket}
          socketOpen={selectedSocket?.state === 'open'}
          events={state.events}
          revision={state.revision}
        />
      )}
      <InspectorView
        store={view}
        columns={showDelta ? WITH_DELTA : COLUMNS}
        layoutKey="panel"
        above={
          statsOpen ? (
            <StatsView events={state.events} socketId={state.selectedSocket} revision={state.revision} />
          ) : null
        }
      />
    </section>
  );
  const sockets = (
    <div id="socket-pane" class="socket-pane">
      <SocketList
        sockets={[...state.sockets.values()]}
        selected={state.selectedSocket}
        onSelect={view.selectSocket}
        matchCounts={state.filterActive ? state.matchCounts : null}
      />
    </div>
  );
  return (
    <main class="panel">
      {socketsOpen ? (
        <SplitPane
          direction={narrow ? 'vertical' : 'horizontal'}
          label="Resize the sockets and the frames"
          storageKey={narrow ? 'panel.sockets-narrow' : 'panel.sockets'}
          initial={narrow ? 0.22 : 0.24}
          first={sockets}
          second={frames}
        />
      ) : (
        frames
      )}
    </main>
  );
}
