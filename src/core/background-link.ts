import type { Channel } from './channel';
import { createRequester } from './requests';
import { isReply, type Reply, type ReplyResult } from '../protocol';

/**
 * A UI's connection to the background, over a (reconnecting) channel: requests with replies
 * and timeouts, and the messages the background pushes (snapshots, updates). A request whose
 * port dropped before its reply ends with an error saying so: its reply will never come.
 */
export interface BackgroundLink<Request extends { readonly type: string }, Push> {
  request(request: Request): Promise<ReplyResult & { readonly versionMismatch?: boolean }>;
  onPush(listener: (message: Push) => void): () => void;
  /** After the port was opened again (the background restarted): say hello, subscribe again. */
  onReconnect(listener: () => void): () => void;
  /** The background is gone for good (extension reloaded or removed). */
  onLost(listener: () => void): () => void;
}

type ReconnectableChannel<Out, In> = Channel<Out, In> & { onReconnect?(listener: () => void): () => void };

export function createBackgroundLink<Request extends { readonly type: string }, Out, Push>(
  channel: ReconnectableChannel<Out, Push | Reply>,
  envelope: (request: Request, id: number) => Out,
  timeoutMs?: number,
): BackgroundLink<Request, Push> {
  const requests = createRequester<Request>((request, id) => channel.post(envelope(request, id)), timeoutMs);
  const pushListeners = new Set<(message: Push) => void>();
  channel.onMessage((message) => {
    if (isReply(message)) return requests.settle(message);
    for (const listener of pushListeners) listener(message);
  });
  channel.onDisconnect(() => requests.failAll('Lost the connection to the extension background'));
  channel.onReconnect?.(() => requests.failAll('The extension background restarted before it answered: try again'));
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => set.delete(listener);
  };
  return {
    request: (request) => requests.request(request),
    onPush: (listener) => subscribe(pushListeners, listener),
    onReconnect: (listener) => channel.onReconnect?.(listener) ?? (() => {}),
    onLost: (listener) => channel.onDisconnect(listener),
  };
}
