import type { WirePayload } from '../../protocol';
import { readJsonText, readText } from './input';
import { failure, fieldList, neverThrows, oneLine } from './result';
import type { Decode, DecodeContext, DecodeResult } from './types';

/**
 * SockJS framing over its raw WebSocket transport (https://sockjs.github.io/sockjs-protocol/):
 * server frames `o`, `h`, `a["msg",…]`, `m"msg"`, `c[code,"reason"]`; client frames are a JSON
 * array of strings. Each carried message is decoded by `decodeInner` (STOMP, JSON, …).
 */
export function createSockJsDecoder(decodeInner: Decode): Decode {
  return neverThrows('sockjs', (payload: WirePayload, context: DecodeContext): DecodeResult => {
    const input = readText(payload, context);
    if (!input.ok) return failure('sockjs', input.error, payload);
    const { text, truncated } = input.value;
    const frameType = text[0];
    const rest = { text: text.slice(1), truncated };
    const base = { decoder: 'sockjs' as const, ...(truncated ? { truncated: true } : {}) };
    if (text === 'o') return { ...base, type: 'open', summary: 'open', fields: [{ name: 'frame', value: 'o (open)' }] };
    if (text === 'h')
      return { ...base, type: 'heartbeat', summary: 'heartbeat', fields: [{ name: 'frame', value: 'h (heartbeat)' }] };
    if (frameType === 'c') {
      const close = readJsonText(rest);
      const parsed: unknown = close.ok ? close.value.value : null;
      const [code, reason] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
      if (typeof code !== 'number') return failure('sockjs', 'close frame without [code, reason]', payload);
      const reasonText = typeof reason === 'string' ? reason : '';
      return {
        ...base,
        type: 'close',
        summary: oneLine(`close ${code} ${reasonText}`.trim()),
        fields: fieldList([
          ['frame', 'c (close)'],
          ['code', String(code)],
          ['reason', reasonText],
        ]),
      };
    }
    const isServerArray = frameType === 'a';
    const isClientArray = frameType === '[' || frameType === '"';
    if (!isServerArray && frameType !== 'm' && !isClientArray)
      return failure('sockjs', `unknown SockJS frame "${text.slice(0, 1)}"`, payload);
    const json = readJsonText(isClientArray ? input.value : rest);
    if (!json.ok) return failure('sockjs', `message frame is ${json.error}`, payload);
    const value = json.value.value;
    const messages = Array.isArray(value) ? value : [value];
    if (frameType === 'm' && Array.isArray(value))
      return failure('sockjs', 'm frame must hold one JSON string', payload);
    if (!messages.every((m): m is string => typeof m === 'string')) {
      // The last element may be TRUNCATED_VALUE when the frame was cut; show what was read.
      if (!truncated) return failure('sockjs', 'messages must be JSON strings', payload);
    }
    const parts = messages
      .filter((m): m is string => typeof m === 'string')
      .map((m) => decodeInner({ kind: 'text', text: m }, { ...context, maxBytes: undefined }));
    const frameName = isClientArray
      ? 'client messages'
      : `${frameType} (${frameType === 'a' ? 'messages' : 'message'})`;
    const summary =
      parts.length === 1
        ? (parts[0] as DecodeResult).summary
        : `${parts.length} messages: ${parts.map((p) => p.summary).join(' | ')}`;
    return {
      ...base,
      type: 'message',
      summary: oneLine(summary),
      fields: fieldList([
        ['frame', frameName],
        ['messages', String(parts.length)],
      ]),
      parts,
    };
  });
}
