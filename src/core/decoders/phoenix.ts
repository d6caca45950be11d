import type { WirePayload } from '../../protocol';
import { readBytes, readJson } from './input';
import { brief, failure, fieldList, neverThrows, oneLine } from './result';
import type { Correlation, DecodeResult } from './types';

interface PhoenixMessage {
  readonly joinRef: string | null;
  readonly ref: string | null;
  readonly topic: string;
  readonly event: string;
  readonly payload: unknown;
  readonly serializer: 'v1 object' | 'v2 array' | 'v2 binary';
}

const isRef = (x: unknown): x is string | null => x === null || typeof x === 'string';
const asRef = (x: unknown): string | null => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null);

/** Phoenix channels: V1 JSON objects, V2 JSON arrays `[join_ref, ref, topic, event, payload]`, V2 binary. */
export const decodePhoenix = neverThrows('phoenix', (payload: WirePayload, context): DecodeResult => {
  if (payload.kind === 'binary') {
    const head = readBytes(payload, context);
    if (!head.ok) return failure('phoenix', head.error, payload);
    const message = parseBinary(head.value.bytes);
    return typeof message === 'string' ? failure('phoenix', message, payload) : describe(message, head.value.truncated);
  }
  const json = readJson(payload, context);
  if (!json.ok) return failure('phoenix', json.error, payload);
  const value = json.value.value;
  let message: PhoenixMessage;
  if (Array.isArray(value)) {
    const [joinRef, ref, topic, event, body] = value as unknown[];
    if (
      value.length !== 5 ||
      !isRef(joinRef) ||
      !isRef(ref) ||
      typeof topic !== 'string' ||
      typeof event !== 'string'
    ) {
      return failure('phoenix', 'not a V2 message [join_ref, ref, topic, event, payload]', payload);
    }
    message = { joinRef, ref, topic, event, payload: body, serializer: 'v2 array' };
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.topic !== 'string' || typeof record.event !== 'string')
      return failure('phoenix', 'not a V1 message {topic, event, payload, ref}', payload);
    message = {
      joinRef: asRef(record.join_ref),
      ref: asRef(record.ref),
      topic: record.topic,
      event: record.event,
      payload: record.payload,
      serializer: 'v1 object',
    };
  } else {
    return failure('phoenix', 'not a Phoenix message', payload);
  }
  return describe(message, json.value.truncated);
});

const KINDS = ['push', 'reply', 'broadcast'] as const;
const utf8 = new TextDecoder('utf-8');

/** Phoenix.Socket.V2.JSONSerializer binary frames: kind byte, field sizes, fields, raw payload. */
function parseBinary(bytes: Uint8Array): PhoenixMessage | string {
  const kind = KINDS[bytes[0] ?? 99];
  if (!kind) return `unknown binary message kind ${bytes[0] ?? '(empty)'}`;
  const sizeCount = kind === 'broadcast' ? 2 : 4;
  if (bytes.length < 1 + sizeCount) return 'binary header ends early';
  const sizes = Array.from(bytes.subarray(1, 1 + sizeCount));
  const fields: string[] = [];
  let pos = 1 + sizeCount;
  for (const size of sizes) {
    if (pos + size > bytes.length) return 'binary header ends early';
    fields.push(utf8.decode(bytes.subarray(pos, pos + size)));
    pos += size;
  }
  const body = bytes.subarray(pos);
  if (kind === 'broadcast')
    return {
      joinRef: null,
      ref: null,
      topic: fields[0] ?? '',
      event: fields[1] ?? '',
      payload: body,
      serializer: 'v2 binary',
    };
  const [joinRef, ref, topic, eventOrStatus] = fields as [string, string, string, string];
  if (kind === 'push')
    return {
      joinRef: joinRef || null,
      ref: ref || null,
      topic,
      event: eventOrStatus,
      payload: body,
      serializer: 'v2 binary',
    };
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: 'phx_reply',
    payload: { status: eventOrStatus, response: body },
    serializer: 'v2 binary',
  };
}

function describe(message: PhoenixMessage, truncated: boolean): DecodeResult {
  const isReply = message.event === 'phx_reply';
  const reply =
    isReply && message.payload && typeof message.payload === 'object'
      ? (message.payload as Record<string, unknown>)
      : undefined;
  const status = typeof reply?.status === 'string' ? reply.status : undefined;
  const shown = reply ? reply.response : message.payload;
  const refText = message.ref === null ? '' : `#${message.ref}`;
  const detail =
    shown === undefined ||
    (shown && typeof shown === 'object' && !(shown instanceof Uint8Array) && Object.keys(shown).length === 0)
      ? ''
      : brief(shown);
  const summary = [message.event, message.topic, refText, status ?? '', detail].filter(Boolean).join(' ');
  const correlation: Correlation | undefined =
    message.ref === null
      ? undefined
      : isReply
        ? { scope: 'phoenix', id: message.ref, role: 'reply', final: true }
        : { scope: 'phoenix', id: message.ref, role: 'request', final: false, operation: message.event };
  return {
    decoder: 'phoenix',
    type: message.event,
    summary: oneLine(summary),
    fields: fieldList([
      ['serializer', message.serializer],
      ['topic', message.topic],
      ['event', message.event],
      ['ref', message.ref],
      ['join ref', message.joinRef],
      ['status', status],
    ]),
    body: shown,
    ...(correlation ? { correlation } : {}),
    ...(truncated ? { truncated: true } : {}),
  };
}
