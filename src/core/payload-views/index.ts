/**
 * Payload views: pure, size-safe ways to look at one frame's payload (no DOM, no extension API).
 *
 * Every view takes the frame's WirePayload and a byte budget and reads at most that much of the
 * frame, so a 16 MiB frame costs no more than its first `maxBytes`:
 * - list rows: ROW_LIMIT_BYTES (16 KiB); detail pane: DETAIL_LIMIT_BYTES (1 MiB), with
 *   DETAIL_LIMIT_STEPS for a "show first 16 MiB" button. `truncated` says when more exists.
 *
 *   payloadHead(payload, maxBytes)  → { bytes, totalBytes, truncated }   first bytes only
 *   textView(payload, maxBytes)     → { segments, rendered, valid, invalidCount, … }
 *       invalid UTF-8 is kept as `invalid` segments (rendered `\x80`), never a silent U+FFFD
 *   jsonView(payload, maxBytes)     → { ok: true, value } | { ok: false, error, position?, tooLarge? }
 *   findEmbeddedJson(value, opts)   → JSON found inside string values, to `maxLevels` levels
 *   createJsonTree(value, opts)     → lazy JsonTreeNode (key, type, preview, childCount, children())
 *   visibleRows(root, isExpanded)   → the flat rows of a virtual list (iterative: any depth)
 *   hexView / base64View            → hex dump lines / base64 of the first bytes
 *   previewValue(value, maxChars)   → one-line preview of any decoded value in O(maxChars)
 */
export { base64View, hexView, type Base64View, type HexView } from './binary-views';
export { createJsonTree, visibleRows, type JsonNodeType, type JsonTreeNode, type JsonTreeOptions } from './json-tree';
export {
  findEmbeddedJson,
  jsonView,
  parseJson,
  type EmbeddedJson,
  type EmbeddedJsonOptions,
  type JsonView,
} from './json-view';
export {
  DETAIL_LIMIT_BYTES,
  DETAIL_LIMIT_STEPS,
  KiB,
  MiB,
  payloadHead,
  ROW_LIMIT_BYTES,
  textHead,
  type PayloadHead,
} from './payload-head';
export { textView, type TextSegment, type TextView } from './text-view';
export { scanUtf8, type Utf8Problem, type Utf8Scan } from './utf8-scan';
export { previewValue, TRUNCATED_VALUE } from './value-preview';
