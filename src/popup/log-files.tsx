import { useState } from 'preact/hooks';
import { buildHar } from '../core/har-sockets';
import { buildJsonExport, parseLogFile, sentFrames } from '../core/log-export';
import type { WirePayload } from '../protocol';
import type { PopupStore } from './popup-store';

/** Saves a file through a blob: URL (Firefox refuses data: URLs for downloads). */
function download(name: string, json: object) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function LogFiles({ store, canSend }: { store: PopupStore; canSend: boolean }) {
  const [replay, setReplay] = useState<WirePayload[]>([]);
  const records = () => {
    const c = store.selected();
    const log = store.selectedLog();
    return c && log ? [{ url: c.url, events: log.events() }] : [];
  };
  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
  return (
    <div class="log-files">
      <button
        type="button"
        class="secondary"
        onClick={() => download(`socket-scope-${stamp()}.json`, buildJsonExport(records(), Date.now()))}
      >
        Export JSON
      </button>
      <button
        type="button"
        class="secondary"
        onClick={() => download(`socket-scope-${stamp()}.har`, buildHar(records()))}
      >
        Export HAR
      </button>
      <label class="file-button secondary">
        <span>Import…</span>
        <input
          type="file"
          aria-label="Import a JSON or HAR log"
          accept=".json,.har,application/json"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            const parsed = parseLogFile(await file.text());
            if (!parsed.ok) return store.showError(parsed.error);
            const sent = sentFrames(parsed.sockets).map((f) => f.payload);
            setReplay(sent);
            store.showError(null);
          }}
        />
      </label>
      {replay.length > 0 && (
        <button
          type="button"
          disabled={!canSend}
          onClick={() => {
            for (const p of replay) if (!store.send(p)) break;
          }}
        >
          {`Replay ${replay.length} sent message${replay.length === 1 ? '' : 's'}`}
        </button>
      )}
    </div>
  );
}
