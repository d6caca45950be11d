import { useEffect, useState } from 'preact/hooks';
import { loadDecoders, onDecodersChange } from '../model/lazy-decoders';

/** Loads the decoders after first render and re-renders when they arrive or a choice changes. */
export function useDecoders(): void {
  const [, setRevision] = useState(0);
  useEffect(() => {
    void loadDecoders();
    return onDecodersChange(() => setRevision((r) => r + 1));
  }, []);
}
