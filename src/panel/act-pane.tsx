import { useState } from 'preact/hooks';
import type { ComposerMode } from '../core/composer';
import { useStore } from '../ui/use-store';
import type { ActStore } from './act-store';

/**
 * Acts on one page socket: send to the server, fake an incoming message, simulate the server
 * closing it or an error. Marked frames then appear in the table.
 */
export function ActPane({
  store,
  socketId,
  socketOpen,
}: {
  store: ActStore;
  socketId: string | null;
  socketOpen: boolean;
}) {
  const state = useStore(store);
  const [mode, setMode] = useState<ComposerMode>('text');
  const [payload, setPayload] = useState('');
  const [code, setCode] = useState('1006');
  const [reason, setReason] = useState('');
  const disabled = socketId === null || !socketOpen;

  return (
    <section class="act" aria-labelledby="act-title">
      <h3 id="act-title">Act on the socket</h3>
      {socketId === null && <p class="notice">Select an open socket to send, fake or close.</p>}
      <div class="act-row">
        <label class="field">
          <span>Payload type</span>
          <select value={mode} onChange={(e) => setMode(e.currentTarget.value as ComposerMode)}>
            <option value="text">Text</option>
            <option value="json">JSON</option>
            <option value="hex">Binary (hex)</option>
            <option value="base64">Binary (base64)</option>
          </select>
        </label>
        <label class="field grow">
          <span>Payload</span>
          <textarea rows={2} value={payload} spellcheck={false} onInput={(e) => setPayload(e.currentTarget.value)} />
        </label>
      </div>
      <div class="act-row">
        <button type="button" disabled={disabled} onClick={() => store.deliver('send', socketId!, mode, payload)}>
          Send to server
        </button>
        <button
          type="button"
          disabled={disabled}
          onClick={() => store.deliver('fake-incoming', socketId!, mode, payload)}
        >
          Fake incoming
        </button>
        <label class="field">
          <span>Close code</span>
          <input type="number" min={1000} max={4999} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Close reason</span>
          <input type="text" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="button" disabled={disabled} onClick={() => store.simulateClose(socketId!, Number(code), reason)}>
          Simulate close
        </button>
        <button type="button" disabled={disabled} onClick={() => store.simulateError(socketId!)}>
          Simulate error
        </button>
      </div>
      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
    </section>
  );
}
