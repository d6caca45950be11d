import { useEffect, useState } from 'preact/hooks';

/** Re-renders the component whenever a plain-TS store notifies. */
export function useStore<S>(store: { getState(): S; subscribe(listener: () => void): () => void }): S {
  const [, setRevision] = useState(0);
  useEffect(() => store.subscribe(() => setRevision((r) => r + 1)), [store]);
  return store.getState();
}
