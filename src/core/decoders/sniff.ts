import { decode as decodeMsgPackValue } from '@msgpack/msgpack';
import { decodePartialCBOR } from '@levischuck/tiny-cbor';
import type { WirePayload } from '../../protocol';
import { KiB } from '../payload-views';
import { readBytes, readJsonText, readText } from './input';
import { looksLikeMqtt } from './mqtt-sniff';
import { looksLikeProtobuf } from './protobuf-sniff';
import { STOMP_COMMANDS } from './stomp-frame';
import type { DecodeContext, DecoderId } from './types';

/** Sniffing reads at most this much of a frame. */
const SNIFF_BYTES = 16 * KiB;

const STOMP_LINE = /^(?:\r?\n)*([A-Z]+)\r?\n/;
const ENGINE_IO = /^(?:4[0-6](?:$|[[{/\d"-])|0\{"sid"|[1-6](?:probe)?$)/;
const SOCKJS = /^(?:[oh]$|a\[|c\[|m")/;
/** How every JSON text starts. Text that cannot be JSON skips the parse and the exception it would throw. */
const MAY_BE_JSON = /^\s*[[{"\-0-9tfn]/;
const GRAPHQL_TYPES = new Set([
  'connection_init',
  'connection_ack',
  'subscribe',
  'next',
  'start',
  'data',
  'stop',
  'ka',
  'connection_terminate',
  'connection_error',
]);
const GRAPHQL_TYPES_WITH_ID = new Set(['complete', 'error']);

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Guesses a frame's protocol from its content alone. Cheap: reads at most 16 KiB. */
export function sniffDecoder(payload: WirePayload, context: DecodeContext = {}): DecoderId {
  const limited = { ...context, maxBytes: Math.min(context.maxBytes ?? SNIFF_BYTES, SNIFF_BYTES) };
  if (payload.kind === 'binary') return sniffBinary(payload, limited);
  const input = readText(payload, limited);
  if (!input.ok) return 'text';
  return sniffText(input.value.text, input.value.truncated);
}

function sniffText(text: string, truncated: boolean): DecoderId {
  const stomp = STOMP_LINE.exec(text);
  if (stomp && STOMP_COMMANDS.has(stomp[1] as string)) return 'stomp';
  if (text.startsWith('{') && text.includes('\x1e')) return 'signalr';
  if (SOCKJS.test(text)) return 'sockjs';
  if (ENGINE_IO.test(text)) return 'socket.io';
  if (!MAY_BE_JSON.test(text)) return 'text';
  const json = readJsonText({ text, truncated });
  if (!json.ok) return 'text';
  return sniffJson(json.value.value);
}

function sniffJson(value: unknown): DecoderId {
  if (Array.isArray(value)) {
    const [joinRef, ref, topic, event] = value as unknown[];
    const isRef = (x: unknown) => x === null || typeof x === 'string';
    if (value.length === 5 && isRef(joinRef) && isRef(ref) && typeof topic === 'string' && typeof event === 'string')
      return 'phoenix';
    if (value.length > 0 && value.every((item) => isRecord(item) && item.jsonrpc === '2.0')) return 'json-rpc';
    return 'json';
  }
  if (!isRecord(value)) return 'json';
  if (value.jsonrpc === '2.0') return 'json-rpc';
  if (typeof value.command === 'string' && typeof value.identifier === 'string') return 'action-cable';
  if (typeof value.identifier === 'string' && ('message' in value || typeof value.type === 'string'))
    return 'action-cable';
  if (value.type === 'welcome' || (value.type === 'ping' && typeof value.message === 'number')) return 'action-cable';
  if (value.type === 'disconnect' && typeof value.reconnect === 'boolean') return 'action-cable';
  if (
    typeof value.type === 'string' &&
    (GRAPHQL_TYPES.has(value.type) || (GRAPHQL_TYPES_WITH_ID.has(value.type) && 'id' in value))
  )
    return 'graphql';
  if (typeof value.topic === 'string' && typeof value.event === 'string' && 'payload' in value) return 'phoenix';
  return 'json';
}

function sniffBinary(payload: WirePayload, context: DecodeContext): DecoderId {
  const head = readBytes(payload, context);
  if (!head.ok) return 'binary';
  const { bytes, truncated } = head.value;
  if (looksLikeMqtt(bytes, truncated)) return 'mqtt';
  if (bytes[0] === 0xd9 && bytes[1] === 0xd9 && bytes[2] === 0xf7) return 'cbor'; // self-described CBOR, RFC 8949 § 3.4.6
  if (
    !truncated &&
    isContainer(
      tryDecode(() =>
        decodeMsgPackValue(bytes, {
          maxStrLength: bytes.length,
          maxBinLength: bytes.length,
          maxArrayLength: bytes.length,
          maxMapLength: bytes.length,
          maxExtLength: bytes.length,
        }),
      ),
    )
  )
    return 'msgpack';
  if (!truncated && isContainer(tryDecode(() => decodeWholeCbor(bytes)))) return 'cbor';
  if (looksLikeProtobuf(bytes, truncated)) return 'protobuf';
  const text = readText(payload, context);
  return text.ok ? 'text' : 'binary';
}

function decodeWholeCbor(bytes: Uint8Array): unknown {
  const [value, consumed] = decodePartialCBOR(bytes, 0);
  return consumed === bytes.length ? value : undefined;
}

const NOT_DECODED = undefined;

function tryDecode(decode: () => unknown): unknown {
  try {
    return decode();
  } catch {
    // A failed attempt only means "not this format"; the next candidate is tried.
    return NOT_DECODED;
  }
}

/** Scalars decode from almost any bytes in both formats; only maps and arrays are evidence. */
const isContainer = (x: unknown) =>
  x instanceof Map || Array.isArray(x) || (isRecord(x) && !(x instanceof Uint8Array) && !(x instanceof Date));
