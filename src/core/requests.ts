import type { Reply, ReplyResult } from '../protocol';
import { errorText } from './errors';

/**
 * The UI's side of requests to the background: numbers each request, resolves it with the
 * background's reply, or with an error naming it when no reply comes within `timeoutMs` or
 * the port drops first. Nothing waits forever.
 */
export interface Requester<Request extends { readonly type: string }> {
  /** Sends `request` with the next id; resolves with its reply, never rejects. */
  request(request: Request): Promise<ReplyResult & { readonly versionMismatch?: boolean }>;
  /** Call with every reply that arrives; a reply to no pending request is ignored. */
  settle(reply: Reply): void;
  /** Ends every pending request with `error` (the port dropped: their replies will not come). */
  failAll(error: string): void;
  readonly pending: number;
}

export const REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  readonly done: (result: ReplyResult & { readonly versionMismatch?: boolean }) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function createRequester<Request extends { readonly type: string }>(
  send: (request: Request, id: number) => void,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Requester<Request> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const finish = (id: number, result: ReplyResult & { readonly versionMismatch?: boolean }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.done(result);
  };
  return {
    request(request) {
      const id = nextId++;
      return new Promise((done) => {
        const seconds = Math.round(timeoutMs / 1000);
        const timer = setTimeout(
          () => finish(id, { ok: false, error: `The extension did not answer “${request.type}” within ${seconds} s` }),
          timeoutMs,
        );
        pending.set(id, { done, timer });
        try {
          send(request, id);
        } catch (error) {
          finish(id, { ok: false, error: `Could not reach the extension: ${errorText(error)}` });
        }
      });
    },
    settle(reply) {
      finish(
        reply.id,
        reply.ok ? { ok: true } : { ok: false, error: reply.error, versionMismatch: !!reply.versionMismatch },
      );
    },
    failAll(error) {
      for (const id of [...pending.keys()]) finish(id, { ok: false, error });
    },
    get pending() {
      return pending.size;
    },
  };
}

/** What a UI tells the user when the background speaks another protocol version. */
export const VERSION_MISMATCH_TEXT = 'Socket Scope was updated while this page was open: reload this panel.';
