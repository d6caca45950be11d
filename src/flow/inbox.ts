/**
 * What the socket delivered and no step has taken yet: messages in arrival order, then the
 * close, if any. Bounded: past `capacity` waiting messages the oldest are dropped and counted
 * (a server that floods a flow sitting in a long `wait` must not grow memory without end).
 */
import type { FlowFrame } from './frames';

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  /** Set when the socket failed rather than closed (refused handshake, dropped connection). */
  readonly error?: string;
}

export type InboxItem =
  | { readonly type: 'frame'; readonly frame: FlowFrame }
  | { readonly type: 'close'; readonly close: CloseInfo }
  | { readonly type: 'timeout' }
  /** The run was stopped by its caller. */
  | { readonly type: 'stopped' };

export interface FlowTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Inbox {
  pushFrame(frame: FlowFrame): void;
  pushClose(close: CloseInfo): void;
  /** The next message, else the close, else waits up to `ms` for one of them. */
  next(ms: number): Promise<InboxItem>;
  /** Messages dropped unread since the last call (the count is reset). */
  takeDropped(): number;
  /** Ends the current wait and every later one with 'stopped'. */
  interrupt(): void;
  readonly closed: CloseInfo | null;
  pending(): number;
}

export function createInbox(timers: FlowTimers, capacity = 10_000): Inbox {
  // A growing array with a read index: shift() on a long queue is linear per call.
  let queue: FlowFrame[] = [];
  let head = 0;
  let closed: CloseInfo | null = null;
  let dropped = 0;
  let waiter: ((item: InboxItem) => void) | null = null;
  let interrupted = false;

  const compact = () => {
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };

  const take = (): InboxItem | null => {
    if (head < queue.length) {
      const frame = queue[head++] as FlowFrame;
      compact();
      return { type: 'frame', frame };
    }
    return closed ? { type: 'close', close: closed } : null;
  };

  const wake = () => {
    if (!waiter) return;
    const item = take();
    if (!item) return;
    const resolve = waiter;
    waiter = null;
    resolve(item);
  };

  return {
    pushFrame(frame) {
      if (closed) return;
      queue.push(frame);
      if (queue.length - head > capacity) {
        head++;
        dropped++;
        compact();
      }
      wake();
    },
    pushClose(close) {
      closed ??= close;
      wake();
    },
    next(ms) {
      if (interrupted) return Promise.resolve({ type: 'stopped' });
      const ready = take();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve) => {
        const timer = timers.setTimeout(() => {
          waiter = null;
          resolve({ type: 'timeout' });
        }, ms);
        waiter = (item) => {
          timers.clearTimeout(timer);
          resolve(item);
        };
      });
    },
    interrupt() {
      interrupted = true;
      const resolve = waiter;
      waiter = null;
      resolve?.({ type: 'stopped' });
    },
    takeDropped() {
      const count = dropped;
      dropped = 0;
      return count;
    },
    get closed() {
      return closed;
    },
    pending: () => queue.length - head,
  };
}
