import type { EventStore } from '../inspector/model/event-store';
import { ActPane } from './act-pane';
import type { ActStore } from './act-store';
import { RulesPane } from './rules-pane';
import { SettingsPane } from './settings-pane';

/** The "Act" drawer: act on the selected socket, the tab's rules, and capture settings. */
export function ActPanel({
  store,
  socketId,
  socketOpen,
  events,
  revision,
}: {
  store: ActStore;
  socketId: string | null;
  socketOpen: boolean;
  events: EventStore;
  revision: number;
}) {
  return (
    <div id="act-panel" class="act-panel">
      <ActPane store={store} socketId={socketId} socketOpen={socketOpen} />
      <RulesPane store={store} events={events} revision={revision} />
      <SettingsPane />
    </div>
  );
}
