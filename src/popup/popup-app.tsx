import { useEffect, useState } from 'preact/hooks';
import { makeVisible } from '../core/format';
import { browser } from '../extension/browser';
import { DATA, DIRECTION, SIZE, TIME, TYPE, type Column } from '../inspector/view/columns';
import { Composer } from '../inspector/view/composer';
import { InspectorView } from '../inspector/view/inspector-view';
import { useDecoders } from '../inspector/view/use-decoders';
import { useStore } from '../inspector/view/use-store';
import { CloseForm } from './close-form';
import type { ConnectionLog } from './connection-log';
import { ConnectForm } from './connect-form';
import type { EndpointStore } from './endpoint-store';
import { LogFiles } from './log-files';
import type { PopupStore } from './popup-store';
import { RepeatControls } from './repeat-controls';
import { StatsLine, StatusLine } from './status-line';

/** Re-renders once a second so rates and reconnect countdowns stay current. */
function useTick() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 1_000);
    return () => clearInterval(t);
  }, []);
}

/** The popup's columns: the inspector's, and after the data the round-trip time of a reply. */
const columnsFor = (log: ConnectionLog): readonly Column[] => [
  DIRECTION,
  TIME,
  SIZE,
  TYPE,
  DATA,
  {
    id: 'rtt',
    title: 'RTT',
    width: 96,
    align: 'right',
    cell: (e) => {
      const rtt = log.rttOf(e);
      return rtt === null ? '' : `RTT ${rtt.toFixed(1)} ms`;
    },
  },
];

/**
 * The popup: connection bar, connection tabs and status, the shared inspector (filter, frames,
 * details) of the selected connection, its composer, then files, log limit and close.
 */
export function PopupApp({
  store,
  endpoints,
  defaultUrl,
}: {
  store: PopupStore;
  endpoints: EndpointStore;
  defaultUrl: string;
}) {
  const state = useStore(store);
  useDecoders(); // rows name protocol messages once the decoders have loaded
  useTick();
  const selected = store.selected();
  const log = store.selectedLog();
  const canSend = selected?.state === 'open';

  return (
    <main class="app">
      <header class="app-header">
        <h1>Socket Scope</h1>
        <button
          type="button"
          class="secondary"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('popup.html?view=tab') })}
        >
          Open in tab
        </button>
      </header>
      <ConnectForm store={store} endpoints={endpoints} defaultUrl={defaultUrl} />

      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
      {state.notice && <p class="notice">{state.notice}</p>}
      {state.backgroundLost && (
        <p class="error" role="alert">
          Lost the connection to the extension background (was it reloaded?). Reopen the popup.
        </p>
      )}

      {state.connections.length > 0 && (
        <div class="tabs" role="tablist" aria-label="Connections">
          {state.connections.map((c) => (
            <button
              key={c.id}
              role="tab"
              aria-selected={c.id === state.selectedId}
              class={`tab state-${c.state}`}
              onClick={() => store.select(c.id)}
            >
              {makeVisible(c.url)}
            </button>
          ))}
        </div>
      )}

      {selected && log ? (
        <>
          <StatusLine
            connection={selected}
            onDisconnect={() => store.disconnect()}
            onRemove={() => store.remove(selected.id)}
            onClearLog={() => store.clearLog()}
          />
          <StatsLine log={log} connectionId={selected.id} />
          <InspectorView
            key={selected.id}
            store={log.inspector}
            columns={columnsFor(log)}
            layoutKey="popup"
            onFilterChange={store.setFilter}
          />
          <Composer
            disabled={!canSend}
            onError={store.showError}
            actions={[{ label: 'Send', send: (payload) => store.send(payload) }]}
            extra={(draft, remember) => (
              <RepeatControls store={store} draft={draft} status={selected.repeat} onStarted={remember} />
            )}
          />
          <div class="log-settings">
            <LogFiles store={store} canSend={canSend} />
            <LogLimit key={selected.id} store={store} limit={selected.frameLimit} />
            {canSend && <CloseForm store={store} />}
          </div>
        </>
      ) : (
        <p class="notice empty-state">
          Connect to a ws:// or wss:// endpoint. Connections stay open in the background when the popup closes.
        </p>
      )}
    </main>
  );
}

function LogLimit({ store, limit }: { store: PopupStore; limit: number }) {
  const [value, setValue] = useState(String(limit));
  return (
    <form
      class="log-limit"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
          return store.showError('The log limit must be a whole number from 1 to 1,000,000');
        store.setLogLimit(n);
      }}
    >
      <label class="field inline">
        <span>Log limit (frames)</span>
        <input
          type="text"
          inputMode="numeric"
          size={8}
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="secondary">
        Set limit
      </button>
    </form>
  );
}
