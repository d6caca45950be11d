import { useState } from 'preact/hooks';
import { Composer } from '../inspector/view/composer';
import { useStore } from '../inspector/view/use-store';
import type { ActStore } from './act-store';

/**
 * Acts on one page socket: send to the server, fake an incoming message (the shared composer,
 * with these two actions), simulate the server closing it or an error. Marked frames then
 * appear in the table.
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
  const [code, setCode] = useState('1006');
  const [reason, setReason] = useState('');
  const disabled = socketId === null || !socketOpen;

  return (
    <section class="act" aria-labelledby="act-title">
      <h3 id="act-title">Act on the socket</h3>
      {socketId === null && <p class="notice">Select an open socket to send, fake or close.</p>}
      <Composer
        disabled={disabled}
        onError={store.showError}
        actions={[
          { label: 'Send to server', send: (payload) => store.deliver('send', socketId!, payload) },
          { label: 'Fake incoming', send: (payload) => store.deliver('fake-incoming', socketId!, payload) },
        ]}
      />
      <div class="act-row">
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
