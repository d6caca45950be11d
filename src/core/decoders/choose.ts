import type { WirePayload } from '../../protocol';
import { sniffDecoder } from './sniff';
import type { DecodeContext, DecoderId } from './types';

export interface DecoderChoice {
  readonly id: DecoderId;
  /** What decided it, for a tooltip ("chosen from the subprotocol v12.stomp"). */
  readonly reason: 'subprotocol' | 'url' | 'content' | 'opcode' | 'manual';
  readonly detail: string;
}

/** Negotiated subprotocols that name their protocol (IANA WebSocket Subprotocol Name Registry, and common ones). */
const SUBPROTOCOLS: Readonly<Record<string, DecoderId>> = {
  mqtt: 'mqtt',
  'mqttv3.1': 'mqtt',
  'v10.stomp': 'stomp',
  'v11.stomp': 'stomp',
  'v12.stomp': 'stomp',
  stomp: 'stomp',
  'graphql-transport-ws': 'graphql',
  'graphql-ws': 'graphql',
  'actioncable-v1-json': 'action-cable',
  'actioncable-v1-ext-json': 'action-cable',
  'actioncable-unsupported': 'action-cable',
  jsonrpc: 'json-rpc',
  'json-rpc': 'json-rpc',
  'wamp.2.json': 'json',
  'wamp.2.msgpack': 'msgpack',
  'wamp.2.cbor': 'cbor',
  msgpack: 'msgpack',
  cbor: 'cbor',
};

/** Path and query shapes of the frameworks' default endpoints. */
const URL_RULES: readonly (readonly [RegExp, 'path' | 'query', DecoderId, string])[] = [
  [/[?&]vsn=\d/, 'query', 'phoenix', 'Phoenix endpoint (vsn=)'],
  [/\/socket\.io\//, 'path', 'socket.io', 'Socket.IO endpoint (/socket.io/)'],
  [/[?&]EIO=\d/, 'query', 'socket.io', 'Engine.IO endpoint (EIO=)'],
  // sockjs-client picks a 3-digit server id and a random session id.
  [/\/\d{3}\/[^/]+\/websocket\/?$/, 'path', 'sockjs', 'SockJS endpoint (/<server>/<session>/websocket)'],
  [/\/cable\/?$/, 'path', 'action-cable', 'Action Cable endpoint (/cable)'],
  [/hub\/?$/i, 'path', 'signalr', 'SignalR hub endpoint (…hub)'],
];

function splitUrl(url: string): { readonly path: string; readonly query: string } {
  try {
    const parsed = new URL(url);
    return { path: parsed.pathname, query: parsed.search };
  } catch {
    const q = url.indexOf('?');
    return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q) };
  }
}

/**
 * Picks a decoder: the negotiated subprotocol first, then the URL, then the frame's content, and
 * last the opcode (text or binary). Pass no payload to choose from the socket alone (returns
 * null when neither says). UIs should keep a content-based choice for the socket's later frames.
 */
export function chooseDecoder(context: DecodeContext, payload: WirePayload): DecoderChoice;
export function chooseDecoder(context: DecodeContext): DecoderChoice | null;
export function chooseDecoder(context: DecodeContext, payload?: WirePayload): DecoderChoice | null {
  const fromSocket = chooseFromSocket(context);
  if (fromSocket || !payload) return fromSocket;
  const sniffed = sniffDecoder(payload, context);
  if (sniffed === 'text' || sniffed === 'binary')
    return { id: sniffed, reason: 'opcode', detail: `${payload.kind} frame` };
  return { id: sniffed, reason: 'content', detail: 'frame content' };
}

function chooseFromSocket(context: DecodeContext): DecoderChoice | null {
  const protocol = context.protocol?.trim().toLowerCase();
  const bySubprotocol = protocol ? SUBPROTOCOLS[protocol] : undefined;
  if (bySubprotocol) return { id: bySubprotocol, reason: 'subprotocol', detail: `subprotocol ${protocol}` };
  const url = splitUrl(context.url ?? '');
  for (const [pattern, part, id, detail] of URL_RULES) {
    if (pattern.test(url[part])) return { id, reason: 'url', detail };
  }
  return null;
}
