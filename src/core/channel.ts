/**
 * A small channel abstraction: logic is written against `Channel` and tested with the
 * in-memory pair; extension shells wrap runtime ports (src/extension/port-channel.ts).
 */
export interface Channel<Out, In> {
  post(message: Out): void;
  /** Returns a function that removes the listener. */
  onMessage(listener: (message: In) => void): () => void;
  onDisconnect(listener: () => void): () => void;
  close(): void;
}

/** Two connected in-memory channels; delivery is asynchronous, like a real port. */
export function createMemoryChannelPair<A, B>(): [Channel<A, B>, Channel<B, A>] {
  type End<Out, In> = Channel<Out, In> & { deliver(m: In): void; dropped(): void };
  let closed = false;
  const makeEnd = <Out, In>(): End<Out, In> => {
    const listeners = new Set<(m: In) => void>();
    const disconnectListeners = new Set<() => void>();
    let peer: End<In, Out> | null = null;
    const end: End<Out, In> & { connect(p: End<In, Out>): void } = {
      connect(p) {
        peer = p;
      },
      post(message) {
        if (closed) throw new Error('Channel is closed');
        // Clone like a port would, so tests catch shared-reference bugs.
        const copy = structuredClone(message);
        queueMicrotask(() => peer?.deliver(copy));
      },
      onMessage(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onDisconnect(listener) {
        disconnectListeners.add(listener);
        return () => disconnectListeners.delete(listener);
      },
      close() {
        if (closed) return;
        closed = true;
        queueMicrotask(() => peer?.dropped());
      },
      deliver(m) {
        if (!closed) for (const l of listeners) l(m);
      },
      dropped() {
        for (const l of disconnectListeners) l();
      },
    };
    return end;
  };
  const a = makeEnd<A, B>() as End<A, B> & { connect(p: End<B, A>): void };
  const b = makeEnd<B, A>() as End<B, A> & { connect(p: End<A, B>): void };
  a.connect(b);
  b.connect(a);
  return [a, b];
}
