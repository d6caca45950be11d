/** The relay's own copy of a hook batch (see HookBatch), which it may change. */
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
