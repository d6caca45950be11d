/**
 * THE message protocol: every message that crosses a context boundary, one file per boundary,
 * each a discriminated union named by direction with a guard used at the receiving end.
 *
 * Contexts: page hook (MAIN world) → relay (content script) → background → popup / panel, and
 * background ↔ offscreen document (Chrome). Ports structured-clone their messages in both
 * browsers (Chrome: the manifest's `message_serialization`, Chrome 148+). Captured page frames
 * reach the background as raw ArrayBuffers or Blobs, so the page's thread never encodes them;
 * from the background on, binary payloads travel as base64 (exact bytes, and what storage,
 * exports and the UIs keep), text as strings.
 */
export * from './values';
export * from './requests';
export * from './hook-wire';
export * from './relay';
export * from './popup';
export * from './panel';
export * from './offscreen';
