import { useState } from 'preact/hooks';
import type { PopupStore } from './popup-store';

const CLOSE_HINT =
  'Browsers allow only close codes 1000 and 3000–4999, and cannot send ping/pong frames: use an app-level heartbeat.';

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
      <label class="field inline">
        <span>Close code</span>
        <input
          type="text"
          inputMode="numeric"
          size={5}
          value={code}
          aria-describedby="close-hint"
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      <label class="field inline grow">
        <span>Reason</span>
        <input type="text" aria-label="Close reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit" class="secondary" title={CLOSE_HINT}>
        Close with code
      </button>
      <span id="close-hint" class="visually-hidden">
        {CLOSE_HINT}
      </span>
    </form>
  );
}
