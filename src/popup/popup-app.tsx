import { useEffect, useState } from 'preact/hooks';
import { makeVisible } from '../core/format';
import { browser } from '../extension/browser';
import { useDecoders } from '../ui/use-decoders';
import { useStore } from '../ui/use-store';
import { CloseForm } from './close-form';
import { Composer } from './composer';
import { ConnectForm } from './connect-form';
import type { EndpointStore } from './endpoint-store';
import { LogFiles } from './log-files';
import { LogToolbar, LogView } from './log-view';
import type { PopupStore } from './popup-store';
import { StatsLine, StatusLine } from './status-line';

/** Re-renders once a second so rates and reconnect countdowns stay current. */
function useTick() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 1_000);
    return () => clearInterval(t);
  }, []);
}

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

      {selected && (
        <>
          <StatusLine
            connection={selected}
            onDisconnect={() => store.disconnect()}
            onRemove={() => store.remove(selected.id)}
          />
          {log && <StatsLine stats={log.stats()} events={log.events()} />}
          <LogToolbar store={store} />
        </>
      )}
      <LogView key={state.selectedId} log={log} socket={selected ?? undefined} />
      {selected && (
        <>
          <Composer store={store} canSend={canSend} repeat={selected.repeat} />
          <div class="log-settings">
            <LogFiles store={store} canSend={canSend} />
            <LogLimit key={selected.id} store={store} limit={selected.frameLimit} />
          </div>
          {canSend && <CloseForm store={store} />}
        </>
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
      <label class="field">
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
