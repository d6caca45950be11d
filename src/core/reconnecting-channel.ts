import type { Channel } from './channel';

/**
 * A channel that reopens its underlying channel when it drops. Firefox disconnects a popup's
 * port when it suspends the idle event page; opening a new port wakes the background again.
 * Listeners survive reconnection; `onReconnect` lets the owner resynchronise (send hello).
 * `onDisconnect` fires only once reconnecting has failed (`open` throws, e.g. the extension was
 * reloaded, or `maxAttempts` drops in a row with no message in between).
 */
export interface ReconnectingChannel<Out, In> extends Channel<Out, In> {
  onReconnect(listener: () => void): () => void;
}

export function createReconnectingChannel<Out, In>(
  open: () => Channel<Out, In>,
  { retryMs = 50, maxAttempts = 5 }: { retryMs?: number; maxAttempts?: number } = {},
): ReconnectingChannel<Out, In> {
  const messageListeners = new Set<(m: In) => void>();
  const disconnectListeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();
  let attempts = 0;
  let closed = false;
  let current: Channel<Out, In> | null = null;

  const giveUp = () => {
    closed = true;
    current = null;
    for (const l of disconnectListeners) l();
  };
  const attach = (channel: Channel<Out, In>) => {
    current = channel;
    channel.onMessage((m) => {
      attempts = 0;
      for (const l of messageListeners) l(m);
    });
    channel.onDisconnect(() => {
      if (closed || current !== channel) return;
      current = null;
      if (++attempts > maxAttempts) return giveUp();
      setTimeout(reopen, retryMs);
    });
  };
  const reopen = () => {
    if (closed) return;
    try {
      attach(open());
    } catch (error) {
      console.warn('cannot reconnect to the background', error);
      return giveUp();
    }
    for (const l of reconnectListeners) l();
  };
  attach(open());

  return {
    post(message) {
      // While reconnecting, a message has nowhere to go; the resync after reconnect covers state.
      current?.post(message);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close() {
      closed = true;
      current?.close();
      current = null;
    },
  };
}
