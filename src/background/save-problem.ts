import { MAX_SAVE_PROBLEM_LENGTH, type SaveProblem } from '../protocol';

/**
 * What the user is told when saving a tab's capture fails, and how soon saving is tried again.
 * Pure: the saver (capture-saver.ts) decides when to call these.
 */

const CONSEQUENCE =
  "this tab's capture is kept in memory only and would be lost if the browser stops the extension's background";

/** Chrome and Firefox name a full quota `QuotaExceededError` (legacy DOMException code 22). */
function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  // Some storage backends only say it in the message (e.g. an UnknownError about the quota).
  return name === 'QuotaExceededError' || code === 22 || (typeof message === 'string' && /quota/i.test(message));
}

function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const parts = [name, message].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length > 0) return parts.join(': ');
  }
  const primitive = typeof error === 'string' || typeof error === 'number' || typeof error === 'boolean';
  return primitive ? String(error) : 'unknown error';
}

export function describeSaveFailure(error: unknown): SaveProblem {
  if (isQuotaError(error)) {
    return {
      reason: 'quota',
      message: `Browser storage is full: ${CONSEQUENCE}. Free disk space or other sites' data; saving is retried by itself.`,
    };
  }
  const message = `Could not save the capture (${errorText(error)}): ${CONSEQUENCE}. Saving is retried by itself.`;
  // The error text comes from the browser; keep the message within what the protocol accepts.
  return {
    reason: 'error',
    message: message.length > MAX_SAVE_PROBLEM_LENGTH ? `${message.slice(0, MAX_SAVE_PROBLEM_LENGTH - 1)}…` : message,
  };
}

export const FIRST_RETRY_MS = 1_000;
export const LONGEST_RETRY_MS = 30_000;

/**
 * Delay before the next attempt after `failures` failed writes in a row: 1 s, 2 s, 4 s … 30 s.
 * Backing off matters because a retry writes everything recorded since the failure (or the
 * tab's whole capture, up to the capture limit), which costs the background real time while
 * the disk stays full.
 */
export function retryDelayMs(failures: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}
