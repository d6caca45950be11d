import { createBoundedList } from './bounded';
import type { SocketIoAck } from './socket-io-messages';
import type { TimerSlots } from './timers';

const PENDING_CAP = 100;
const FINISHED_CAP = 100;

/** The acks a Socket.IO session asked for: pending ones (capped) and the last outcomes. */
export interface AckBook {
  /** Registers a new ack and arms its timeout; returns its id. */
  ask(event: string, timeoutMs: number, onTimeout: () => void): number;
  /** The server's reply; false when no such ack is pending (late, or never asked). */
  reply(id: number, replyText: string): boolean;
  /** The socket closed: every pending ack ends. */
  closeAll(): void;
  list(): SocketIoAck[];
  readonly dropped: number;
}

export function createAckBook(slots: TimerSlots, now: () => number): AckBook {
  const pending = new Map<number, SocketIoAck>();
  const finished = createBoundedList<SocketIoAck>(FINISHED_CAP);
  let nextId = 0;
  let droppedPending = 0;
  const finish = (id: number, outcome: SocketIoAck['outcome'], replyText?: string) => {
    const ack = pending.get(id);
    if (!ack) return false;
    pending.delete(id);
    slots.clear(`ack:${id}`);
    finished.push({ ...ack, outcome, ms: now() - ack.sentAt, ...(replyText === undefined ? {} : { replyText }) });
    return true;
  };
  return {
    ask(event, timeoutMs, onTimeout) {
      const id = nextId++;
      pending.set(id, { id, event, sentAt: now(), outcome: 'pending' });
      slots.set(`ack:${id}`, timeoutMs, () => {
        finish(id, 'timeout');
        onTimeout();
      });
      if (pending.size > PENDING_CAP) {
        // Oldest first: Map keeps insertion order.
        const oldest = pending.keys().next().value as number;
        finish(oldest, 'dropped');
        droppedPending++;
      }
      return id;
    },
    reply: (id, replyText) => finish(id, 'reply', replyText),
    closeAll() {
      for (const id of [...pending.keys()]) finish(id, 'closed');
    },
    list: () => [...finished.items(), ...pending.values()],
    get dropped() {
      return droppedPending + finished.dropped;
    },
  };
}
