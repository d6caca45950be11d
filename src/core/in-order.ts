/**
 * Hands values on in the order they came, where some must first be waited for (a batch whose
 * Blobs are being read): at once while nothing is waiting, so the common case costs no promise,
 * and behind the waiting ones otherwise, so that a Blob read never reorders frames.
 */
export function createInOrder<T>(
  deliver: (value: T) => void,
  onError: (error: unknown) => void,
): (value: T | Promise<T>) => void {
  let queue: Promise<void> = Promise.resolve();
  let waiting = 0;
  return (value) => {
    if (waiting === 0 && !(value instanceof Promise)) return deliver(value);
    waiting++;
    queue = queue
      .then(() => value)
      .then(deliver, onError)
      .finally(() => waiting--);
  };
}
