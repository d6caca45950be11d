/**
 * Protocol decoders: pure functions from one frame to a readable message. No DOM, no extension API.
 *
 * DECODE ONE FRAME
 *   decodeWith(id, payload, context) → DecodeResult          (or call decodeMqtt, decodeStomp, … directly)
 *   Every decoder is `(payload: WirePayload, context: DecodeContext) => DecodeResult` and NEVER
 *   throws: a frame it cannot read gives `error: 'why'` and a summary `[why] <raw preview>`; the raw
 *   views (../payload-views: text, hex, base64, JSON) still apply to the payload.
 *
 *   DecodeContext (all optional): url, protocol (negotiated subprotocol), direction ('in' | 'out'),
 *   maxBytes (read at most this much: pass ROW_LIMIT_BYTES for list rows, the default is 1 MiB),
 *   mqttVersion, engineIoVersion. Pass `direction`: GraphQL `complete` and pairing depend on it.
 *
 *   DecodeResult: { decoder, summary, type?, fields, body?, parts?, correlation?, truncated?, error? }
 *   - summary: one line for the list column: `EVENT chat:message ["hi"]`, `PUBLISH sensors/1 qos1 (24 B)`,
 *     `SEND /queue/a (12 B)`, `subscribe #1 OnPrice`. Control characters are already made visible.
 *   - fields: ordered {name, value} strings for the detail pane (headers, ids, flags, MQTT 5 properties).
 *   - body: the content for a value viewer (createJsonTree): parsed JSON, MessagePack/CBOR values,
 *     a Uint8Array for binary payloads, or a string.
 *   - parts: several messages in one frame (SockJS `a[…]`, SignalR records, JSON-RPC batch, MQTT packets).
 *   - truncated: the frame was larger than maxBytes; unread values are TRUNCATED_VALUE.
 *
 * CHOOSE A DECODER
 *   chooseDecoder(context, payload) → { id, reason: 'subprotocol'|'url'|'content'|'opcode'|'manual', detail }
 *     subprotocol (mqtt, v12.stomp, graphql-transport-ws, graphql-ws, actioncable-v1-json, wamp.2.*),
 *     then URL (/socket.io/ or EIO=, /<3 digits>/<session>/websocket, vsn=, /cable, …hub), then content.
 *   chooseDecoder(context) → choice or null, from the socket alone.
 *   listDecoders() → [{id, label}] for a "decode as" menu; DECODERS holds the functions too.
 *   createSocketDecoding({url, protocol}) → per-socket helper: keeps a content-based choice stable,
 *     remembers the MQTT version from CONNECT, and lets the user switch (setDecoder(id | 'auto')).
 *
 * PROTOBUF
 *   decodeProtobuf: one message per frame, read like `protoc --decode_raw` (no schema), or by the
 *     type in context.protobufType (see ../protobuf/README.md). decodeProtobufDelimited (varint
 *     lengths), decodeProtobufPrefixed (4-byte big-endian lengths), decodeGrpcWeb: several
 *     messages per frame, one part each. Auto-choice only on a convincing parse (protobuf-evidence.ts).
 *
 * PAIR REQUESTS AND REPLIES
 *   createPairingTracker({maxPending}) → tracker.observe({socketId, direction, time, result}) → PairingNote[]
 *     GraphQL subscribe/start ↔ next/data/complete/error/stop (with the operation name), JSON-RPC
 *     request ↔ response (latencyMs), SignalR invocations, Phoenix pushes ↔ phx_reply, Socket.IO acks.
 *     Bounded: at most maxPending open requests (default 1000); `evicted` counts the dropped ones.
 *   describePairing(note) → `OnPrice +12 ms` to append to a summary.
 */
export { decodeActionCable } from './action-cable';
export { decodeCbor } from './cbor';
export { chooseDecoder, type DecoderChoice } from './choose';
export { decodeBinary, decodeJson, decodeText } from './generic';
export { decodeGraphQL } from './graphql';
export { findOperation, type GraphQLOperation } from './graphql-operation';
export { DEFAULT_DECODE_LIMIT } from './input';
export { decodeJsonRpc } from './json-rpc';
export { decodeMqtt } from './mqtt';
export { decodeMsgPack } from './msgpack';
export {
  createPairingTracker,
  describePairing,
  type ObservedMessage,
  type PairingNote,
  type PairingTracker,
} from './pairing';
export { decodePhoenix } from './phoenix';
export { decodeProtobuf } from './protobuf';
export { decodeGrpcWeb, decodeProtobufDelimited, decodeProtobufPrefixed } from './protobuf-framed';
export { frameMessage, splitFrames, type Framed, type FramedMessage, type Framing } from './protobuf-framing';
export { parseRawMessage, type RawField, type RawMessage, type RawValue } from './protobuf-raw';
export { formatDecodeRaw } from './protobuf-text-format';
export type { ProtobufTypeDecoded, ProtobufTypeDecoder } from './protobuf-type-hook';
export { DECODERS, decodeSockJs, decodeWith, isDecoderId, listDecoders } from './registry';
export { createSocketDecoding, type SocketDecoding } from './session';
export { decodeSignalR } from './signalr';
export { sniffDecoder } from './sniff';
export { decodeSocketIo } from './socket-io';
export { decodeStomp } from './stomp';
export type { Correlation, Decode, DecodeContext, DecodedField, DecodeResult, DecoderId, DecoderInfo } from './types';
