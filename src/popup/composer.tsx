import { useMemo, useRef, useState } from 'preact/hooks';
import { bytesToBase64 } from '../core/bytes';
import { buildPayload, COMPOSER_MODES, formatJson, type ComposerMode } from '../core/composer';
import { createSendHistory } from '../core/send-history';
import { expandTemplate, parseVariables } from '../core/template';
import type { PopupStore } from './popup-store';
import { Segmented } from './segmented';

const MODE_NAMES: Record<ComposerMode, string> = { text: 'Text', json: 'JSON', hex: 'Hex', base64: 'Base64' };

export function Composer({ store, canSend }: { store: PopupStore; canSend: boolean }) {
  const [mode, setMode] = useState<ComposerMode>('text');
  const [message, setMessage] = useState('');
  const history = useMemo(() => createSendHistory(), []);
  const [templates, setTemplates] = useState(false);
  const [variables, setVariables] = useState('');
  const counter = useRef(1);

  const send = () => {
    const text = templates && (mode === 'text' || mode === 'json') ? expand(message, variables, counter.current) : { ok: true as const, text: message };
    if (!text.ok) return store.showError(text.error);
    const payload = buildPayload(mode, text.text);
    if (!payload.ok) return store.showError(payload.error);
    if (!store.send(payload.value)) return;
    history.push(message);
    if (templates) counter.current++;
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
        <label class="check">
          <input type="checkbox" checked={templates} onChange={(e) => setTemplates(e.currentTarget.checked)} />
          <span>{'Expand {{variables}}'}</span>
        </label>
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
            rows={2}
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
        {templates && (
          <label class="field">
            <span>Variables (name=value)</span>
            <textarea rows={2} cols={18} value={variables} spellcheck={false} placeholder="user=ada" onInput={(e) => setVariables(e.currentTarget.value)} />
          </label>
        )}
        <button type="submit" disabled={!canSend}>Send</button>
      </div>
    </form>
  );
}

/** {{counter}}, {{timestamp}}, {{iso}}, {{uuid}} and the user's variables, at send time. */
function expand(message: string, variables: string, counter: number) {
  const vars = parseVariables(variables);
  if (!vars.ok) return vars;
  return expandTemplate(message, { counter, now: Date.now(), uuid: () => crypto.randomUUID(), vars: vars.vars });
}
