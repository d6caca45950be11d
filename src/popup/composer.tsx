import { useMemo, useRef, useState } from 'preact/hooks';
import { bytesToBase64 } from '../core/bytes';
import { COMPOSER_MODES, formatJson, type ComposerMode } from '../core/composer';
import { composeMessage, describeRepeat, parseRepeatFields } from '../core/repeat';
import { createSendHistory } from '../core/send-history';
import type { RepeatStatus } from '../protocol';
import type { PopupStore } from './popup-store';
import { Segmented } from './segmented';

const MODE_NAMES: Record<ComposerMode, string> = { text: 'Text', json: 'JSON', hex: 'Hex', base64: 'Base64' };

export function Composer({
  store,
  canSend,
  repeat,
}: {
  store: PopupStore;
  canSend: boolean;
  repeat: RepeatStatus | null;
}) {
  const [mode, setMode] = useState<ComposerMode>('text');
  const [message, setMessage] = useState('');
  const history = useMemo(() => createSendHistory(), []);
  const [templates, setTemplates] = useState(false);
  const [variables, setVariables] = useState('');
  const [repeating, setRepeating] = useState(false);
  const [every, setEvery] = useState('1000');
  const [times, setTimes] = useState('');
  const counter = useRef(1);

  const send = () => {
    if (repeating) return startRepeat();
    const payload = composeMessage(mode, message, templates ? variables : null, {
      counter: counter.current,
      now: Date.now(),
      uuid: () => crypto.randomUUID(),
    });
    if (!payload.ok) return store.showError(payload.error);
    if (!store.send(payload.value)) return;
    history.push(message);
    if (templates) counter.current++;
  };
  // The background sends (and expands {{variables}} for) each repeat: it goes on with the popup closed.
  const startRepeat = () => {
    const schedule = parseRepeatFields(every, times);
    if (!schedule.ok) return store.showError(schedule.error);
    if (store.startRepeat({ mode, message, variables: templates ? variables : null, ...schedule.value }))
      history.push(message);
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
            <button type="button" class="secondary" onClick={() => reformat(true)}>
              Pretty-print
            </button>
            <button type="button" class="secondary" onClick={() => reformat(false)}>
              Minify
            </button>
          </>
        )}
        <label class="check">
          <input type="checkbox" checked={templates} onChange={(e) => setTemplates(e.currentTarget.checked)} />
          <span>{'Expand {{variables}}'}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={repeating} onChange={(e) => setRepeating(e.currentTarget.checked)} />
          <span>Repeat</span>
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
            placeholder={
              mode === 'hex' ? '48 65 6c 6c 6f' : mode === 'base64' ? 'SGVsbG8=' : 'Ctrl+Enter sends · ↑/↓ recall'
            }
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
            <textarea
              rows={2}
              cols={18}
              value={variables}
              spellcheck={false}
              placeholder="user=ada"
              onInput={(e) => setVariables(e.currentTarget.value)}
            />
          </label>
        )}
        <button type="submit" disabled={!canSend}>
          {repeating ? 'Start repeating' : 'Send'}
        </button>
      </div>
      {repeating && (
        <div class="composer-row">
          <label class="field">
            <span>Every (ms)</span>
            <input
              type="text"
              inputMode="numeric"
              size={8}
              value={every}
              onInput={(e) => setEvery(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span>Times</span>
            <input
              type="text"
              inputMode="numeric"
              size={8}
              value={times}
              placeholder="until stopped"
              onInput={(e) => setTimes(e.currentTarget.value)}
            />
          </label>
        </div>
      )}
      {repeat && (
        <p class="repeat-status">
          <span role="status" aria-label="Repeat">
            {describeRepeat(repeat)}
          </span>
          <button type="button" class="secondary" onClick={() => store.stopRepeat()}>
            Stop repeating
          </button>
        </p>
      )}
    </form>
  );
}
