import { useState } from 'preact/hooks';
import { describeCloseCode } from '../core/close-codes';
import { formatClock, makeVisible } from '../core/format';
import type { ConnectionSummary } from '../protocol';
import { EventRow } from '../ui/event-row';
import { useStore } from '../ui/use-store';
import { VirtualList } from '../ui/virtual-list';
import type { PopupStore } from './popup-store';

const ROW_HEIGHT = 24;

export function PopupApp({ store, defaultUrl }: { store: PopupStore; defaultUrl: string }) {
  const state = useStore(store);
  const [url, setUrl] = useState(defaultUrl);
  const [protocols, setProtocols] = useState('');
  const [message, setMessage] = useState('');
  const selected = store.selected();
  const log = (selected && state.logs.get(selected.id)) || [];

  return (
    <main class="app">
      <form
        class="connect"
        onSubmit={(e) => {
          e.preventDefault();
          store.connect(url, protocols);
        }}
      >
        <label class="field grow">
          <span>URL</span>
          <input type="text" value={url} spellcheck={false} placeholder="ws://127.0.0.1:8080/" onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Subprotocols</span>
          <input type="text" value={protocols} spellcheck={false} placeholder="e.g. chat, json" onInput={(e) => setProtocols(e.currentTarget.value)} />
        </label>
        <button type="submit">Connect</button>
      </form>

      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
      {state.notice && <p class="notice">{state.notice}</p>}
      {state.backgroundLost && (
        <p class="error" role="alert">
          Lost the connection to the extension background. Reopen the popup.
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

      {selected && <StatusLine connection={selected} onDisconnect={() => store.disconnect()} />}

      <VirtualList
        count={log.length}
        rowHeight={ROW_HEIGHT}
        label="Message log"
        role="log"
        renderRow={(i) => <EventRow event={log[i]!} />}
      />

      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          store.sendText(message);
        }}
      >
        <label class="field grow">
          <span>Message</span>
          <textarea
            rows={3}
            value={message}
            spellcheck={false}
            onInput={(e) => setMessage(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                store.sendText(message);
              }
            }}
          />
        </label>
        <button type="submit" disabled={selected?.state !== 'open'}>
          Send
        </button>
      </form>
    </main>
  );
}

function StatusLine({ connection: c, onDisconnect }: { connection: ConnectionSummary; onDisconnect: () => void }) {
  let text: string = c.state;
  if (c.state === 'open') text = `Open since ${formatClock(c.openedAt ?? 0)}${c.protocol ? ` · protocol ${c.protocol}` : ''}`;
  if (c.state === 'closed' && c.closeCode !== null) {
    text = `Closed: ${c.closeCode} ${describeCloseCode(c.closeCode)}${c.closeReason ? ` — “${makeVisible(c.closeReason)}”` : ''}`;
  }
  return (
    <div class="status" role="status" aria-label="Connection status">
      <span class={`badge state-${c.state}`}>{text}</span>
      {c.dropped > 0 && <span class="dropped">{c.dropped.toLocaleString()} entries dropped (log limit reached)</span>}
      {(c.state === 'open' || c.state === 'connecting') && (
        <button type="button" onClick={onDisconnect}>
          Disconnect
        </button>
      )}
    </div>
  );
}
