import { useState } from 'preact/hooks';
import type { PopupStore } from './popup-store';

export function ConnectForm({ store, defaultUrl }: { store: PopupStore; defaultUrl: string }) {
  const [url, setUrl] = useState(defaultUrl);
  const [protocols, setProtocols] = useState('');
  const [autoReconnect, setAutoReconnect] = useState(false);
  return (
    <form
      class="connect"
      onSubmit={(e) => {
        e.preventDefault();
        store.connect(url, protocols, autoReconnect);
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
      <label class="check">
        <input type="checkbox" checked={autoReconnect} onChange={(e) => setAutoReconnect(e.currentTarget.checked)} />
        <span>Auto-reconnect</span>
      </label>
      <button type="submit">Connect</button>
    </form>
  );
}
