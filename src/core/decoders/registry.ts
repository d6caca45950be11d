import type { WirePayload } from '../../protocol';
import { decodeActionCable } from './action-cable';
import { decodeCbor } from './cbor';
import { decodeBinary, decodeJson, decodeText } from './generic';
import { decodeGraphQL } from './graphql';
import { decodeJsonRpc } from './json-rpc';
import { decodeMqtt } from './mqtt';
import { decodeMsgPack } from './msgpack';
import { decodePhoenix } from './phoenix';
import { decodeProtobuf } from './protobuf';
import { decodeGrpcWeb, decodeProtobufDelimited, decodeProtobufPrefixed } from './protobuf-framed';
import { decodeSignalR } from './signalr';
import { sniffDecoder } from './sniff';
import { decodeSocketIo } from './socket-io';
import { createSockJsDecoder } from './sockjs';
import { decodeStomp } from './stomp';
import type { DecodeContext, DecodeResult, DecoderId, DecoderInfo } from './types';

/** A message inside a SockJS frame is decoded by whatever its content looks like (STOMP, JSON-RPC, …). */
export const decodeSockJs = createSockJsDecoder((payload, context) =>
  decodeWith(sniffDecoder(payload, context), payload, context),
);

/** Every decoder, in the order a decoder menu lists them. */
export const DECODERS: readonly DecoderInfo[] = [
  { id: 'socket.io', label: 'Socket.IO / Engine.IO', decode: decodeSocketIo },
  { id: 'sockjs', label: 'SockJS', decode: decodeSockJs },
  { id: 'stomp', label: 'STOMP', decode: decodeStomp },
  { id: 'mqtt', label: 'MQTT', decode: decodeMqtt },
  { id: 'graphql', label: 'GraphQL over WebSocket', decode: decodeGraphQL },
  { id: 'signalr', label: 'SignalR (JSON)', decode: decodeSignalR },
  { id: 'json-rpc', label: 'JSON-RPC 2.0', decode: decodeJsonRpc },
  { id: 'phoenix', label: 'Phoenix Channels', decode: decodePhoenix },
  { id: 'action-cable', label: 'Action Cable', decode: decodeActionCable },
  { id: 'msgpack', label: 'MessagePack', decode: decodeMsgPack },
  { id: 'cbor', label: 'CBOR', decode: decodeCbor },
  { id: 'protobuf', label: 'Protobuf', decode: decodeProtobuf },
  { id: 'protobuf-delimited', label: 'Protobuf, varint length-delimited', decode: decodeProtobufDelimited },
  { id: 'protobuf-prefixed', label: 'Protobuf, 4-byte length-prefixed', decode: decodeProtobufPrefixed },
  { id: 'grpc-web', label: 'gRPC-web frames', decode: decodeGrpcWeb },
  { id: 'json', label: 'JSON', decode: decodeJson },
  { id: 'text', label: 'Text', decode: decodeText },
  { id: 'binary', label: 'Binary (hex)', decode: decodeBinary },
];

const BY_ID = new Map(DECODERS.map((d) => [d.id, d]));

/** `{id, label}` pairs for a "decode as" menu. */
export const listDecoders = (): { readonly id: DecoderId; readonly label: string }[] =>
  DECODERS.map(({ id, label }) => ({ id, label }));

export const isDecoderId = (x: unknown): x is DecoderId => typeof x === 'string' && BY_ID.has(x as DecoderId);

export function decodeWith(id: DecoderId, payload: WirePayload, context: DecodeContext): DecodeResult {
  const decoder = BY_ID.get(id) ?? (payload.kind === 'text' ? BY_ID.get('text') : BY_ID.get('binary'));
  return (decoder as DecoderInfo).decode(payload, context);
}
