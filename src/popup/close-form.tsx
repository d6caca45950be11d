import { useState } from 'preact/hooks';
import type { PopupStore } from './popup-store';

/** Close with a chosen code and reason; the store validates (1000 or 3000–4999, ≤ 123 bytes). */
export function CloseForm({ store }: { store: PopupStore }) {
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('');
  return (
    <form
      class="close-form"
      onSubmit={(e) => {
        e.preventDefault();
        const n = /^\d+$/.test(code.trim()) ? Number(code.trim()) : NaN;
        if (Number.isNaN(n)) return store.showError(`Close code "${code}" is not a number: use 1000 or 3000–4999`);
        store.disconnect(n, reason);
      }}
    >
      <label class="field">
        <span>Close code</span>
        <input type="text" inputMode="numeric" size={5} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
      </label>
      <label class="field grow">
        <span>Close reason</span>
        <input type="text" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit">Close with code</button>
      <p class="hint">
        Browsers allow only close codes 1000 and 3000–4999, and cannot send ping/pong frames: use an app-level
        heartbeat.
      </p>
    </form>
  );
}
