import { useState } from 'preact/hooks';
import { errorText } from '../core/errors';
import { downloadText, exportFileName, sessionFiles } from '../inspector/view/download';
import type { WirePayload } from '../protocol';
import type { PopupStore } from './popup-store';

/**
 * Export the selected connection's log (HAR or JSON, the inspector's files module), and import
 * one (ours, or a HAR from Chrome) to replay what it sent on the selected connection.
 */
export function LogFiles({ store, canSend }: { store: PopupStore; canSend: boolean }) {
  const [replay, setReplay] = useState<WirePayload[]>([]);
  const events = () => store.selectedLog()?.inspector.getState().events.all() ?? [];
  const exportAs = async (ext: 'har' | 'json') => {
    const files = await sessionFiles();
    const body = ext === 'har' ? files.exportHarFile(events()) : files.exportJsonFile(events());
    downloadText(exportFileName(ext), JSON.stringify(body, null, 2), 'application/json');
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire change again
    if (!file) return;
    try {
      const session = (await sessionFiles()).importSessionFile(await file.text());
      setReplay(session.events.flatMap((e) => (e.type === 'frame' && e.direction === 'out' ? [e.payload] : [])));
      store.showError(null);
    } catch (error) {
      store.showError(`Could not import ${file.name}: ${errorText(error)}`);
    }
  };
  return (
    <div class="log-files">
      <button type="button" class="secondary" onClick={() => void exportAs('json')}>
        Export JSON
      </button>
      <button type="button" class="secondary" onClick={() => void exportAs('har')}>
        Export HAR
      </button>
      <label class="file-button secondary">
        <span>Import…</span>
        <input
          type="file"
          aria-label="Import a JSON or HAR log"
          accept=".json,.har,application/json"
          onChange={(e) => void importFile(e.currentTarget)}
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
