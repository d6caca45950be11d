/**
 * The relay's work on one hook batch (see HookBatch in protocol/hook-wire.ts): read it into
 * this world, then ready it for the port. Everything else (splitting and checking events,
 * reading Blobs, base64) is the background's work, off the page's thread.
 */
import { FIELDS, LIMITS, forEachHookEvent, type HookEventType } from '../protocol';

/** The relay's own copy of a hook batch, which it may change. */
type BatchCopy = unknown[];

type FirefoxContentScope = typeof globalThis & { cloneInto?: <T>(value: T, target: object) => T };

/**
 * Reads the batch a hook CustomEvent carries into this (isolated) world.
 *
 * TRICKY: Chrome structured-clones `detail` when another world reads it, so it arrives as our
 * own objects. Firefox gives content scripts an Xray view of page objects that hides expando
 * properties of plain objects; waiving Xrays and cloning copies the page's batch into our
 * compartment (ArrayBuffers and Blobs included) so nothing page-defined runs on access later.
 */
export function readHookBatch(event: CustomEvent): BatchCopy | null {
  const waived = (event as CustomEvent & { wrappedJSObject?: CustomEvent }).wrappedJSObject;
  const detail: unknown = waived ? structuredClone(waived.detail) : event.detail;
  return Array.isArray(detail) ? detail : null;
}

/**
 * A value the page world can read as `detail`. Firefox: objects made here are invisible to page
 * code unless cloned into the page's compartment (`cloneInto`). Chrome clones across worlds.
 */
export function toPageWorld<T>(value: T): T {
  const cloneInto = (globalThis as FirefoxContentScope).cloneInto;
  return cloneInto ? cloneInto(value, window) : value;
}

/**
 * Readies the relay's copy of a hook batch for the port, in place: creation stacks cut to the
 * page's frames. `visit` sees each event in the same walk (the relay tracks its sockets there).
 * False when it is not a batch.
 */
export function readyBatch(batch: BatchCopy, visit?: (type: HookEventType, start: number) => void): boolean {
  return forEachHookEvent(batch, (type, start) => {
    const at = start + FIELDS.created.stack;
    const stack = batch[at];
    if (type === 'created' && typeof stack === 'string') batch[at] = pageFrames(stack);
    visit?.(type, start);
  });
}

/**
 * The page's part of a stack taken in the hook: no "Error" line, no frames of the hook itself,
 * within the protocol's limit (a page may raise `Error.stackTraceLimit`). The hook's frames are
 * the top ones: "/hook.js" in Chrome, "<anonymous code>" in Firefox (its name for a MAIN-world
 * content script), which below them could also be a page's.
 */
export function pageFrames(stack: string): string {
  const lines = stack
    .split('\n')
    .filter((line) => line.trim() !== '' && line.trim() !== 'Error' && !line.includes('/hook.js'));
  let first = 0;
  while (first < lines.length && lines[first]!.includes('@<anonymous code>:')) first++;
  return lines
    .slice(first, first + 30)
    .join('\n')
    .slice(0, LIMITS.maxStackLength);
}
