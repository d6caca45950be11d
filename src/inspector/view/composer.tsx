import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { bytesToBase64 } from '../../core/bytes';
import { formatJson } from '../../core/composer';
import { composeMessage } from '../../core/repeat';
import { createSendHistory } from '../../core/send-history';
import { COMPOSER_MODES, type ComposerMode, type WirePayload } from '../../protocol';
import { Segmented } from './segmented';

const MODE_NAMES: Record<ComposerMode, string> = { text: 'Text', json: 'JSON', hex: 'Hex', base64: 'Base64' };

/** What the composer hands its owner: a payload to send, or (repeat) the message as typed. */
export interface ComposerDraft {
  readonly mode: ComposerMode;
  readonly message: string;
  /** The user's "name=value" lines when {{variables}} are expanded, else null. */
  readonly variables: string | null;
}

export interface ComposerAction {
  readonly label: string;
  /** Sends the payload; returns whether it went out (then the message joins the history). */
  readonly send: (payload: WirePayload) => boolean;
}

/**
 * The one composer of both UIs: text, JSON (validated, pretty-print / minify), hex, base64, a
 * file as binary, ↑/↓ history, {{variables}} templates. Each UI names its actions (the popup:
 * Send; the panel: Send to server, Fake incoming) and may add controls of its own (`extra`,
 * e.g. the popup's repeat, which takes the draft as typed: the background expands it per send).
 */
export function Composer({
  actions,
  disabled,
  onError,
  extra,
}: {
  actions: readonly ComposerAction[];
  disabled: boolean;
  onError: (error: string | null) => void;
  extra?: (draft: ComposerDraft, remember: () => void) => ComponentChildren;
}) {
  const [mode, setMode] = useState<ComposerMode>('text');
  const [message, setMessage] = useState('');
  const history = useMemo(() => createSendHistory(), []);
  const [templates, setTemplates] = useState(false);
  const [variables, setVariables] = useState('');
  const counter = useRef(1);
  const draft: ComposerDraft = { mode, message, variables: templates ? variables : null };

  const send = (action: ComposerAction) => {
    const payload = composeMessage(mode, message, draft.variables, {
      counter: counter.current,
      now: Date.now(),
      uuid: () => crypto.randomUUID(),
    });
    if (!payload.ok) return onError(payload.error);
    onError(null);
    if (!action.send(payload.value)) return;
    history.push(message);
    if (templates) counter.current++;
  };
  const reformat = (pretty: boolean) => {
    const r = formatJson(message, pretty);
    if (r.ok) setMessage(r.value);
    onError(r.ok ? null : r.error);
  };
  const sendFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire change again
    if (file) actions[0]?.send({ kind: 'binary', base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (actions[0]) send(actions[0]);
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
        <label class="file-button secondary">
          <span>Send file…</span>
          <input
            type="file"
            aria-label="Send a file as binary"
            disabled={disabled}
            onChange={(e) => void sendFile(e.currentTarget)}
          />
        </label>
        {extra?.(draft, () => history.push(message))}
      </div>
      <div class="composer-row">
        <label class="field grow">
          <span class="visually-hidden">Message</span>
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
                if (actions[0]) send(actions[0]);
                return;
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
        <div class="composer-actions">
          {actions.map((action, i) => (
            <button
              key={action.label}
              type={i === 0 ? 'submit' : 'button'}
              disabled={disabled}
              onClick={i === 0 ? undefined : () => send(action)}
            >
              {action.label}
            </button>
          ))}
        </div>
      </div>
    </form>
  );
}
