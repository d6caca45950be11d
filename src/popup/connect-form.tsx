import { useState } from 'preact/hooks';
import { checkWebSocketUrl } from '../core/ws-url';
import { useStore } from '../inspector/view/use-store';
import type { EndpointStore } from './endpoint-store';
import type { PopupStore } from './popup-store';

export function ConnectForm({
  store,
  endpoints,
  defaultUrl,
}: {
  store: PopupStore;
  endpoints: EndpointStore;
  defaultUrl: string;
}) {
  const saved = useStore(endpoints);
  const [url, setUrl] = useState(defaultUrl);
  const [protocols, setProtocols] = useState('');
  const [autoReconnect, setAutoReconnect] = useState(false);
  const [showHeaders, setShowHeaders] = useState(false);
  const [headers, setHeaders] = useState('');
  return (
    <form
      class="connect"
      onSubmit={(e) => {
        e.preventDefault();
        store.connect(url, protocols, autoReconnect, showHeaders ? headers : '');
        const checked = checkWebSocketUrl(url);
        if (checked.ok) endpoints.remember(checked.url);
      }}
    >
      <label class="field grow">
        <span>URL</span>
        <input
          type="text"
          list="recent-urls"
          value={url}
          spellcheck={false}
          placeholder="ws://127.0.0.1:8080/"
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <datalist id="recent-urls">
          {saved.recentUrls.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </label>
      <label class="field">
        <span>Subprotocols</span>
        <input
          type="text"
          value={protocols}
          spellcheck={false}
          placeholder="e.g. chat, json"
          onInput={(e) => setProtocols(e.currentTarget.value)}
        />
      </label>
      <label class="check">
        <input type="checkbox" checked={autoReconnect} onChange={(e) => setAutoReconnect(e.currentTarget.checked)} />
        <span>Auto-reconnect</span>
      </label>
      <button type="button" class="secondary" aria-expanded={showHeaders} onClick={() => setShowHeaders(!showHeaders)}>
        Headers
      </button>
      <button
        type="button"
        class="secondary"
        aria-label="Save endpoint"
        title="Save endpoint (URL and subprotocols)"
        onClick={() => endpoints.save({ url: url.trim(), protocols: protocols.trim() })}
        disabled={!checkWebSocketUrl(url).ok}
      >
        ☆
      </button>
      <button type="submit">Connect</button>
      {saved.endpoints.length > 0 && (
        <ul class="saved" aria-label="Saved endpoints">
          {saved.endpoints.map((e) => (
            <li key={`${e.url} ${e.protocols}`}>
              <button
                type="button"
                class="secondary"
                title={e.protocols ? `Subprotocols: ${e.protocols}` : undefined}
                onClick={() => (setUrl(e.url), setProtocols(e.protocols))}
              >
                {e.url}
              </button>
              <button
                type="button"
                class="secondary"
                aria-label={`Forget ${e.url}`}
                onClick={() => endpoints.forget(e)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {showHeaders && (
        <label class="field headers">
          <span>Handshake headers (one "Name: value" per line; asks for access to this host only)</span>
          <textarea
            rows={2}
            value={headers}
            spellcheck={false}
            placeholder="Authorization: Bearer …"
            onInput={(e) => setHeaders(e.currentTarget.value)}
          />
        </label>
      )}
    </form>
  );
}
