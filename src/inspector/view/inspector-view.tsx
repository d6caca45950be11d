import type { ComponentChildren } from 'preact';
import type { FrameFilter } from '../model/filter';
import type { InspectorStore } from '../model/inspector-store';
import type { Column } from './columns';
import { LazyDetailPane } from './lazy-detail';
import { FilterBar } from './filter-bar';
import { FrameTable } from './frame-table';
import { SplitPane } from './split-pane';
import { useStore } from './use-store';

/**
 * The inspector both UIs share: the filter bar, the frame table and, once a row is selected,
 * its details below a draggable split. Each UI passes its columns (the popup adds round-trip
 * times) and puts its own controls around it.
 */
export function InspectorView({
  store,
  columns,
  layoutKey,
  above,
  onFilterChange,
}: {
  store: InspectorStore;
  columns: readonly Column[];
  /** Names this UI's remembered layout (column widths, split position). */
  layoutKey: string;
  /** Between the filter bar and the table (the panel's stats). */
  above?: ComponentChildren;
  /** Where a filter change goes, when it is not this store's alone (the popup's connections share one). */
  onFilterChange?: (filter: FrameFilter) => void;
}) {
  const state = useStore(store);
  const selected = store.selected();
  return (
    <div class="inspector">
      <FilterBar filter={state.filter} error={state.filterError} onChange={onFilterChange ?? store.setFilter} />
      {above}
      <SplitPane
        direction="vertical"
        label="Resize the frames and the details"
        storageKey={`${layoutKey}.split`}
        first={
          <FrameTable
            label="Frames"
            columns={columns}
            events={state.events}
            rows={state.rows}
            revision={state.revision}
            sockets={state.sockets}
            pattern={state.pattern}
            selected={selected ? state.selectedEvent : null}
            onSelect={store.selectEvent}
            widthsKey={`${layoutKey}.columns`}
          />
        }
        second={
          selected ? (
            <LazyDetailPane
              key={state.selectedEvent}
              event={selected}
              socket={state.sockets.get(selected.socketId)}
              onClose={() => store.selectEvent(null)}
            />
          ) : null
        }
      />
      {!selected && (
        <p class="notice table-hint">
          Select a row to see its payload. In the table: ↑ ↓ Page Up/Down Home End move, Esc clears.
        </p>
      )}
    </div>
  );
}
