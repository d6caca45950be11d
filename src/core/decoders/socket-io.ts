import type { WirePayload } from '../../protocol';
import { TRUNCATED_VALUE } from '../payload-views';
import { readBytes, readJsonText, readText, type TextInput } from './input';
import { brief, failure, fieldList, neverThrows, oneLine, sizeText } from './result';
import { markPlaceholders, parseSocketIoHead, SOCKET_IO_TYPES_V4, SOCKET_IO_TYPES_V5 } from './socket-io-packet';
import type { DecodeContext, DecodeResult } from './types';

/** Engine.IO packet types (https://github.com/socketio/engine.io-protocol). */
const ENGINE_IO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export function engineIoVersion(context: DecodeContext): 3 | 4 {
  if (context.engineIoVersion) return context.engineIoVersion;
  return /[?&]EIO=3(?:&|$)/.test(context.url ?? '') ? 3 : 4;
}

/** Engine.IO v3/v4 and the Socket.IO v2–v4 packets inside its `message` packets. */
export const decodeSocketIo = neverThrows('socket.io', (payload: WirePayload, context: DecodeContext): DecodeResult => {
  const eio = engineIoVersion(context);
  if (payload.kind === 'binary') return decodeBinaryFrame(payload, context, eio);
  const input = readText(payload, context);
  if (!input.ok) return failure('socket.io', input.error, payload);
  const text = input.value.text;
  if (text === '') return failure('socket.io', 'empty frame', payload);
  const eioType = ENGINE_IO_TYPES[text.charCodeAt(0) - 48];
  if (!eioType) return failure('socket.io', `unknown Engine.IO packet type "${text.slice(0, 1)}"`, payload);
  const data = text.slice(1);
  const base = { decoder: 'socket.io' as const, truncated: input.value.truncated || undefined };
  if (eioType === 'message') return decodeMessage({ text: data, truncated: input.value.truncated }, eio, payload);
  if (eioType === 'open') {
    const json = readJsonText({ text: data, truncated: input.value.truncated });
    if (!json.ok || typeof json.value.value !== 'object' || json.value.value === null) {
      return failure('socket.io', 'Engine.IO open packet without a JSON handshake', payload);
    }
    const handshake = json.value.value as Record<string, unknown>;
    const fields = fieldList([
      ['Engine.IO', `v${eio}`],
      ['type', 'open'],
      ['sid', handshake.sid],
      ['pingInterval', handshake.pingInterval],
      ['pingTimeout', handshake.pingTimeout],
      ['upgrades', handshake.upgrades],
      ['maxPayload', handshake.maxPayload],
    ]);
    const sid = typeof handshake.sid === 'string' ? handshake.sid : brief(handshake.sid, 40);
    const summary = `open sid=${sid} pingInterval=${brief(handshake.pingInterval)} pingTimeout=${brief(handshake.pingTimeout)}`;
    return { ...base, type: 'open', summary: oneLine(summary), fields, body: handshake };
  }
  const summary = data ? `${eioType} ${data}` : eioType;
  return {
    ...base,
    type: eioType,
    summary: oneLine(summary),
    fields: fieldList([
      ['Engine.IO', `v${eio}`],
      ['type', eioType],
      ['data', data],
    ]),
  };
});

function decodeBinaryFrame(payload: WirePayload, context: DecodeContext, eio: 3 | 4): DecodeResult {
  const head = readBytes(payload, context);
  if (!head.ok) return failure('socket.io', head.error, payload);
  const { bytes, totalBytes, truncated } = head.value;
  // Engine.IO v3 prefixes binary frames with the packet type byte (4 = message); v4 sends raw data.
  if (eio === 3) {
    if (bytes[0] !== 4) return failure('socket.io', 'Engine.IO v3 binary frame without the message type byte', payload);
    const size = sizeText(totalBytes - 1, truncated);
    return {
      decoder: 'socket.io',
      type: 'binary',
      summary: `binary attachment (${size})`,
      fields: fieldList([
        ['Engine.IO', 'v3'],
        ['size', size],
      ]),
      body: bytes.subarray(1),
    };
  }
  const size = sizeText(totalBytes, truncated);
  return {
    decoder: 'socket.io',
    type: 'binary',
    summary: `binary attachment (${size})`,
    fields: fieldList([
      ['Engine.IO', 'v4'],
      ['size', size],
    ]),
    body: bytes,
  };
}

function decodeMessage(input: TextInput, eio: 3 | 4, payload: WirePayload): DecodeResult {
  const head = parseSocketIoHead(input.text);
  if (typeof head === 'string') {
    // A plain Engine.IO message (engine.io used without Socket.IO).
    if (/^\d/.test(input.text)) return failure('socket.io', head, payload);
    return {
      decoder: 'socket.io',
      type: 'message',
      summary: oneLine(`message ${input.text}`),
      fields: fieldList([
        ['Engine.IO', `v${eio}`],
        ['type', 'message'],
      ]),
      body: input.text,
    };
  }
  const typeName = (eio === 3 ? SOCKET_IO_TYPES_V4 : SOCKET_IO_TYPES_V5)[head.type] ?? 'UNKNOWN';
  let data: unknown;
  if (head.dataText !== '') {
    const json = readJsonText({ text: head.dataText, truncated: input.truncated });
    if (!json.ok) return failure('socket.io', `${typeName} data is ${json.error}`, payload);
    data = markPlaceholders(json.value.value);
  }
  const isEvent = head.type === 2 || head.type === 5;
  const isAck = head.type === 3 || head.type === 6;
  if (isEvent && !(Array.isArray(data) && typeof data[0] === 'string')) {
    return failure('socket.io', `${typeName} without an event name`, payload);
  }
  const eventName = isEvent && Array.isArray(data) ? String(data[0]) : undefined;
  const body = isEvent && Array.isArray(data) ? data.slice(1) : data;
  const namespace = head.namespace === '/' ? '' : ` ${head.namespace}`;
  const attachments =
    head.attachments === undefined ? '' : ` +${head.attachments} attachment${head.attachments === 1 ? '' : 's'}`;
  let summary: string;
  if (isEvent)
    summary = `${typeName}${namespace} ${eventName} ${brief(body)}${head.ackId === undefined ? '' : ` (ack ${head.ackId})`}`;
  else if (isAck) summary = `${typeName}${namespace} ${head.ackId ?? '?'} ${brief(body)}`;
  else if (head.type === 4) summary = `${typeName}${namespace} ${errorMessage(data)}`;
  else summary = `${typeName}${namespace}${data === undefined ? '' : ` ${brief(data)}`}`;
  const fields = fieldList([
    ['Engine.IO', `v${eio}`],
    ['type', typeName],
    ['namespace', head.namespace],
    ['event', eventName],
    ['ack id', head.ackId],
    ['attachments', head.attachments],
  ]);
  const correlation =
    head.ackId === undefined
      ? undefined
      : {
          scope: 'socket.io' as const,
          id: `${head.namespace}#${head.ackId}`,
          role: isAck ? ('reply' as const) : ('request' as const),
          final: isAck,
          ...(eventName ? { operation: eventName } : {}),
        };
  return {
    decoder: 'socket.io',
    type: typeName,
    summary: oneLine(summary + attachments),
    fields,
    ...(body === undefined ? {} : { body }),
    ...(correlation ? { correlation } : {}),
    ...(input.truncated ? { truncated: true } : {}),
  };
}

function errorMessage(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  return data === TRUNCATED_VALUE ? '…' : brief(data);
}
