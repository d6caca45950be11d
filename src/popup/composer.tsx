import { useMemo, useState } from 'preact/hooks';
import { bytesToBase64 } from '../core/bytes';
import { buildPayload, COMPOSER_MODES, formatJson, type ComposerMode } from '../core/composer';
import { createSendHistory } from '../core/send-history';
import type { PopupStore } from './popup-store';
import { Segmented } from './segmented';

const MODE_NAMES: Record<ComposerMode, string> = { text: 'Text', json: 'JSON', hex: 'Hex', base64: 'Base64' };

export function Composer({ store, canSend }: { store: PopupStore; canSend: boolean }) {
  const [mode, setMode] = useState<ComposerMode>('text');
  const [message, setMessage] = useState('');
  const history = useMemo(() => createSendHistory(), []);

  const send = () => {
    const payload = buildPayload(mode, message);
    if (!payload.ok) return store.showError(payload.error);
    if (store.send(payload.value)) history.push(message);
  };
  const reformat = (pretty: boolean) => {
    const r = formatJson(message, pretty);
    if (r.ok) setMessage(r.value);
    store.showError(r.ok ? null : r.error);
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div class="composer-bar">
        <Segmented label="Message format" options={COMPOSER_MODES} value={mode} onChange={setMode} names={MODE_NAMES} />
        {mode === 'json' && (
          <>
            <button type="button" class="secondary" onClick={() => reformat(true)}>Pretty-print</button>
            <button type="button" class="secondary" onClick={() => reformat(false)}>Minify</button>
          </>
        )}
        <label class="file-button secondary">
          <span>Send file…</span>
          <input
            type="file"
            aria-label="Send a file as binary"
            disabled={!canSend}
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) store.send({ kind: 'binary', base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
            }}
          />
        </label>
      </div>
      <div class="composer-row">
        <label class="field grow">
          <span>Message</span>
          <textarea
            rows={3}
            value={message}
            spellcheck={false}
            placeholder={mode === 'hex' ? '48 65 6c 6c 6f' : mode === 'base64' ? 'SGVsbG8=' : 'Ctrl+Enter sends · ↑/↓ recall'}
            onInput={(e) => setMessage(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                return send();
              }
              const el = e.currentTarget;
              // ↑ on the first line / ↓ on the last line walk the history, like a shell.
              const up = e.key === 'ArrowUp' && !el.value.slice(0, el.selectionStart ?? 0).includes('\n');
              const down = e.key === 'ArrowDown' && !el.value.slice(el.selectionEnd ?? 0).includes('\n');
              const recalled = up ? history.previous(message) : down ? history.next() : null;
              if (recalled === null) return;
              e.preventDefault();
              setMessage(recalled);
            }}
          />
        </label>
        <button type="submit" disabled={!canSend}>Send</button>
      </div>
    </form>
  );
}
