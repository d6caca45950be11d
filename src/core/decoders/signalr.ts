import type { WirePayload } from '../../protocol';
import { readJsonText, readText } from './input';
import { brief, failure, fieldList, neverThrows, oneLine } from './result';
import type { Correlation, DecodeContext, DecodeResult } from './types';

/** ASP.NET Core SignalR JSON hub protocol: records end with 0x1E (the record separator). */
export const RECORD_SEPARATOR = '\x1e';

const MESSAGE_TYPES = [
  '',
  'Invocation',
  'StreamItem',
  'Completion',
  'StreamInvocation',
  'CancelInvocation',
  'Ping',
  'Close',
  'Ack',
  'Sequence',
];

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

export const decodeSignalR = neverThrows('signalr', (payload: WirePayload, context: DecodeContext): DecodeResult => {
  const input = readText(payload, context);
  if (!input.ok) return failure('signalr', input.error, payload);
  const { text, truncated } = input.value;
  if (!text.includes(RECORD_SEPARATOR) && !truncated) return failure('signalr', 'no 0x1E record separator', payload);
  const records = text.split(RECORD_SEPARATOR);
  // Text after the last separator is either empty or a record cut by the decode limit.
  const tail = records.pop() ?? '';
  if (tail !== '' && !truncated) return failure('signalr', 'last record does not end with 0x1E', payload);
  if (tail !== '') records.push(tail);
  const parts = records.map((record, i) => decodeRecord(record, truncated && i === records.length - 1 && tail !== ''));
  if (parts.length === 1) return { ...(parts[0] as DecodeResult), ...(truncated ? { truncated: true } : {}) };
  const error = parts.find((p) => p.error)?.error;
  return {
    decoder: 'signalr',
    type: 'records',
    summary: oneLine(parts.map((p) => p.summary).join(' | ')),
    fields: [{ name: 'records', value: String(parts.length) }],
    parts,
    ...(error ? { error } : {}),
    ...(truncated ? { truncated: true } : {}),
  };
});

function decodeRecord(record: string, cut: boolean): DecodeResult {
  const json = readJsonText({ text: record, truncated: cut });
  const payload: WirePayload = { kind: 'text', text: record };
  if (!json.ok) return failure('signalr', `record is ${json.error}`, payload);
  const message = json.value.value;
  if (!isRecord(message)) return failure('signalr', 'record is not a JSON object', payload);
  if (message.type === undefined) return decodeHandshake(message, payload);
  const typeName = typeof message.type === 'number' ? MESSAGE_TYPES[message.type] : undefined;
  if (!typeName) return failure('signalr', `unknown message type ${brief(message.type, 20)}`, payload);
  const id = typeof message.invocationId === 'string' ? message.invocationId : undefined;
  const target = typeof message.target === 'string' ? message.target : undefined;
  const idText = id === undefined ? '' : `#${id}`;
  let detail: string;
  if (typeName === 'Invocation' || typeName === 'StreamInvocation')
    detail = `${target ?? '?'} ${brief(message.arguments)}`;
  else if (typeName === 'StreamItem') detail = brief(message.item);
  else if (typeName === 'Completion')
    detail =
      message.error !== undefined
        ? `error: ${typeof message.error === 'string' ? message.error : brief(message.error)}`
        : 'result' in message
          ? brief(message.result)
          : '(void)';
  else if (typeName === 'Close') detail = typeof message.error === 'string' ? message.error : '';
  else if (typeName === 'Ack' || typeName === 'Sequence') detail = `sequenceId=${brief(message.sequenceId)}`;
  else detail = '';
  const fields = fieldList([
    ['type', `${brief(message.type)} (${typeName})`],
    ['invocation id', id],
    ['target', target],
    ['arguments', Array.isArray(message.arguments) ? `${message.arguments.length}` : undefined],
    ['stream ids', message.streamIds],
    ['headers', message.headers],
    ['error', message.error],
    ['allow reconnect', message.allowReconnect],
  ]);
  const body = message.arguments ?? message.item ?? message.result;
  const correlation = id === undefined ? undefined : correlate(typeName, id, target);
  return {
    decoder: 'signalr',
    type: typeName,
    summary: oneLine([typeName, idText, detail].filter(Boolean).join(' ')),
    fields,
    ...(body === undefined ? {} : { body }),
    ...(correlation ? { correlation } : {}),
  };
}

function decodeHandshake(message: Rec, payload: WirePayload): DecodeResult {
  if (typeof message.protocol === 'string') {
    const summary = `handshake ${message.protocol} v${brief(message.version)}`;
    return {
      decoder: 'signalr',
      type: 'handshake',
      summary: oneLine(summary),
      fields: fieldList([
        ['protocol', message.protocol],
        ['version', message.version],
      ]),
    };
  }
  if (typeof message.error === 'string') {
    return {
      decoder: 'signalr',
      type: 'handshake',
      summary: oneLine(`handshake error: ${message.error}`),
      fields: fieldList([['error', message.error]]),
      error: message.error,
    };
  }
  if (Object.keys(message).length === 0)
    return { decoder: 'signalr', type: 'handshake', summary: 'handshake ok', fields: [] };
  return failure('signalr', 'record has no message type', payload);
}

function correlate(typeName: string, id: string, target: string | undefined): Correlation | undefined {
  const base = { scope: 'signalr' as const, id };
  if (typeName === 'Invocation' || typeName === 'StreamInvocation')
    return { ...base, role: 'request', final: false, ...(target ? { operation: target } : {}) };
  if (typeName === 'StreamItem') return { ...base, role: 'reply', final: false };
  if (typeName === 'Completion') return { ...base, role: 'reply', final: true };
  if (typeName === 'CancelInvocation') return { ...base, role: 'cancel', final: true };
  return undefined;
}
