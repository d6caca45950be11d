import type { WirePayload } from '../../protocol';
import { previewPayload } from '../format';
import { readBytes, readJson, readText } from './input';
import { brief, failure, fieldList, neverThrows, oneLine, sizeText } from './result';
import type { DecodeResult } from './types';

/** Any JSON value: the summary is a compact preview. */
export const decodeJson = neverThrows('json', (payload: WirePayload, context): DecodeResult => {
  const json = readJson(payload, context);
  if (!json.ok) return failure('json', json.error, payload);
  const value = json.value.value;
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return {
    decoder: 'json',
    type,
    summary: oneLine(brief(value, 160)),
    fields: fieldList([['type', type]]),
    body: value,
    ...(json.value.truncated ? { truncated: true } : {}),
  };
});

/** Plain text. A binary frame counts when it is valid UTF-8. */
export const decodeText = neverThrows('text', (payload: WirePayload, context): DecodeResult => {
  const text = readText(payload, context);
  if (!text.ok) return failure('text', text.error, payload);
  return {
    decoder: 'text',
    type: 'text',
    summary: oneLine(previewPayload({ kind: 'text', text: text.value.text })),
    fields: [],
    body: text.value.text,
    ...(text.value.truncated ? { truncated: true } : {}),
  };
});

/** Raw bytes: size and the first bytes in hex. */
export const decodeBinary = neverThrows('binary', (payload: WirePayload, context): DecodeResult => {
  const head = readBytes(payload, context);
  if (!head.ok) return failure('binary', head.error, payload);
  // A long text frame's byte length is not counted past the limit: it is "≥ limit".
  const size = sizeText(head.value.totalBytes, payload.kind === 'text' && head.value.truncated);
  return {
    decoder: 'binary',
    type: 'bytes',
    summary: oneLine(`(${size}) ${previewPayload(payload)}`),
    fields: fieldList([['size', size]]),
    body: head.value.bytes,
    ...(head.value.truncated ? { truncated: true } : {}),
  };
});
