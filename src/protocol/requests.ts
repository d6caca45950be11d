/**
 * Requests and replies between a UI (popup, panel) and the background. Every UI → background
 * command carries an `id`, and the background answers each with exactly one Reply: ok, or an
 * error the UI shows beside what the user did. A UI that gets no reply in time says so
 * (core/requests.ts), so nothing waits forever and every error names its request.
 */
import { isIndex, isRecord, isString } from '../core/guards';

export const MAX_ERROR_LENGTH = 2_000;

export type Reply =
  | { readonly source: 'socket-scope-background'; readonly type: 'reply'; readonly id: number; readonly ok: true }
  | {
      readonly source: 'socket-scope-background';
      readonly type: 'reply';
      readonly id: number;
      readonly ok: false;
      /** Shown to the user as it is (text only). */
      readonly error: string;
      /** The UI speaks another protocol version (PROTOCOL_VERSION): it must be reloaded. */
      readonly versionMismatch?: true;
    };

/** What a request's reply says, without its envelope. */
export type ReplyResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

export const replyTo = (id: number, result: ReplyResult, versionMismatch = false): Reply =>
  result.ok
    ? { source: 'socket-scope-background', type: 'reply', id, ok: true }
    : {
        source: 'socket-scope-background',
        type: 'reply',
        id,
        ok: false,
        error: result.error.slice(0, MAX_ERROR_LENGTH),
        ...(versionMismatch ? { versionMismatch: true as const } : {}),
      };

export function isReply(x: unknown): x is Reply {
  if (!isRecord(x) || x.source !== 'socket-scope-background' || x.type !== 'reply' || !isIndex(x.id)) return false;
  if (x.ok === true) return true;
  return (
    x.ok === false &&
    isString(x.error) &&
    x.error.length <= MAX_ERROR_LENGTH &&
    (x.versionMismatch === undefined || x.versionMismatch === true)
  );
}

/** A UI's first message on a new port: its protocol version, checked by the background. */
export const isHelloVersion = (x: unknown): x is number => Number.isSafeInteger(x);
