import type { WirePayload } from '../../protocol';
import { readJson } from './input';
import { brief, failure, fieldList, neverThrows, oneLine } from './result';
import type { Correlation, DecodeResult } from './types';

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** JSON-RPC 2.0 (https://www.jsonrpc.org/specification): requests, notifications, responses, batches. */
export const decodeJsonRpc = neverThrows('json-rpc', (payload: WirePayload, context): DecodeResult => {
  const json = readJson(payload, context);
  if (!json.ok) return failure('json-rpc', json.error, payload);
  const value = json.value.value;
  const truncated = json.value.truncated ? { truncated: true } : {};
  if (Array.isArray(value)) {
    if (value.length === 0) return failure('json-rpc', 'empty batch', payload);
    const parts = value.map((item) => decodeMessage(item, { kind: 'text', text: brief(item, 60) }));
    const kinds = parts.map((p) => p.type ?? '?');
    return {
      decoder: 'json-rpc',
      type: 'batch',
      summary: oneLine(`batch (${parts.length}): ${parts.map((p) => p.summary).join(' | ')}`),
      fields: fieldList([
        ['batch size', String(parts.length)],
        ['messages', kinds.join(', ')],
      ]),
      parts,
      ...truncated,
    };
  }
  return { ...decodeMessage(value, payload), ...truncated };
});

function decodeMessage(message: unknown, payload: WirePayload): DecodeResult {
  if (!isRecord(message)) return failure('json-rpc', 'not a JSON-RPC object', payload);
  if (message.jsonrpc !== '2.0') return failure('json-rpc', 'missing "jsonrpc": "2.0"', payload);
  const hasId = 'id' in message;
  const id = message.id;
  if (hasId && id !== null && typeof id !== 'string' && typeof id !== 'number')
    return failure('json-rpc', 'id must be a string, number or null', payload);
  const idText = hasId ? `#${typeof id === 'string' || typeof id === 'number' ? id : 'null'}` : '';
  const correlationId = JSON.stringify(id);
  if (typeof message.method === 'string') {
    const type = hasId ? 'request' : 'notification';
    const fields = fieldList([
      ['type', type],
      ['id', hasId ? String(id) : undefined],
      ['method', message.method],
      ['params', message.params],
    ]);
    const correlation: Correlation | undefined = hasId
      ? { scope: 'json-rpc', id: correlationId, role: 'request', final: false, operation: message.method }
      : undefined;
    return {
      decoder: 'json-rpc',
      type,
      summary: oneLine(
        [type, idText, message.method, message.params === undefined ? '' : brief(message.params)]
          .filter(Boolean)
          .join(' '),
      ),
      fields,
      ...(message.params === undefined ? {} : { body: message.params }),
      ...(correlation ? { correlation } : {}),
    };
  }
  const isError = 'error' in message;
  if (!isError && !('result' in message)) return failure('json-rpc', 'neither method, result nor error', payload);
  if (!hasId) return failure('json-rpc', 'response without id', payload);
  const correlation: Correlation = { scope: 'json-rpc', id: correlationId, role: 'reply', final: true };
  if (isError) {
    const error = isRecord(message.error) ? message.error : {};
    const code = typeof error.code === 'number' ? error.code : undefined;
    const text = typeof error.message === 'string' ? error.message : brief(message.error);
    return {
      decoder: 'json-rpc',
      type: 'error',
      summary: oneLine(['error', idText, code === undefined ? '' : String(code), text].filter(Boolean).join(' ')),
      fields: fieldList([
        ['type', 'error response'],
        ['id', String(id)],
        ['code', code === undefined ? undefined : String(code)],
        ['message', text],
        ['data', error.data],
      ]),
      body: message.error,
      correlation,
    };
  }
  return {
    decoder: 'json-rpc',
    type: 'result',
    summary: oneLine(`result ${idText} ${brief(message.result)}`),
    fields: fieldList([
      ['type', 'result'],
      ['id', String(id)],
    ]),
    body: message.result,
    correlation,
  };
}
