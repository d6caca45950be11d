/**
 * What a relay has sent to the background and not yet seen saved. A background can stop (idle)
 * or restart between getting a message and saving it, and a message posted while it stops is
 * lost without an error; so the relay keeps each message until the background confirms it
 * (`saved`, cumulative), and sends what is left again on a new port.
 *
 * Bounded, because the page's memory holds it: past either bound the oldest are forgotten. That
 * is not a drop: they were sent, and only their second chance is gone (a background that far
 * behind on saving is busy, not stopping).
 */
export interface UnsavedChunks<T> {
  /** Keeps a chunk about to be sent; returns its number. */
  add(chunk: T, size: number): number;
  /** The background saved every chunk up to and including `seq`. */
  saved(seq: number): void;
  /** The kept chunks, oldest first. */
  entries(): readonly { readonly seq: number; readonly chunk: T }[];
  clear(): void;
}

export const UNSAVED_LIMITS = { maxChunks: 16_384, maxSize: 64 * 1024 * 1024 } as const;

export function createUnsavedChunks<T>(
  limits: { maxChunks: number; maxSize: number } = UNSAVED_LIMITS,
): UnsavedChunks<T> {
  // A queue: kept[head] is the oldest. Dropping only moves `head`, so that a relay at its bound
  // does not copy the queue per message; the array is compacted once half of it is dropped.
  let kept: { seq: number; chunk: T; size: number }[] = [];
  let head = 0;
  let size = 0;
  let nextSeq = 0;

  const dropOldest = (count: number) => {
    for (let i = head; i < head + count; i++) size -= kept[i]!.size;
    head += count;
    if (head === kept.length) {
      kept = [];
      head = 0;
    } else if (head > kept.length / 2) {
      kept = kept.slice(head);
      head = 0;
    }
  };

  return {
    add(chunk, chunkSize) {
      const seq = nextSeq++;
      kept.push({ seq, chunk, size: chunkSize });
      size += chunkSize;
      let over = 0;
      let left = size;
      // Never the newest: it has not even been sent once.
      while (head + over < kept.length - 1 && (kept.length - head - over > limits.maxChunks || left > limits.maxSize))
        left -= kept[head + over++]!.size;
      if (over > 0) dropOldest(over);
      return seq;
    },
    saved(seq) {
      let count = 0;
      while (head + count < kept.length && kept[head + count]!.seq <= seq) count++;
      if (count > 0) dropOldest(count);
    },
    entries: () => kept.slice(head),
    clear() {
      kept = [];
      head = 0;
      size = 0;
    },
  };
}
