import { useEffect, useState } from 'preact/hooks';

/** Re-renders the component whenever a plain-TS store notifies. */
export function useStore<S>(store: { getState(): S; subscribe(listener: () => void): () => void }): S {
  const state = store.getState();
  const [, setRevision] = useState(0);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setRevision((r) => r + 1));
    // TRICKY: effects run after paint; a change between render and subscribe would be missed.
    if (store.getState() !== state) setRevision((r) => r + 1);
    return unsubscribe;
  }, [store]);
  return state;
}
