import type { Direction, WirePayload } from '../../protocol';
import type { ProtobufTypeDecoder } from './protobuf-type-hook';

export type DecoderId =
  | 'socket.io'
  | 'sockjs'
  | 'stomp'
  | 'mqtt'
  | 'graphql'
  | 'signalr'
  | 'json-rpc'
  | 'phoenix'
  | 'action-cable'
  | 'msgpack'
  | 'cbor'
  | 'protobuf'
  | 'protobuf-delimited'
  | 'protobuf-prefixed'
  | 'grpc-web'
  | 'json'
  | 'text'
  | 'binary';

/** What a decoder may know about the frame beyond its payload. Every field is optional. */
export interface DecodeContext {
  /** The socket's URL (chooses a decoder; carries Engine.IO's EIO= and Phoenix's vsn=). */
  readonly url?: string;
  /** The negotiated subprotocol ('' or absent when none). */
  readonly protocol?: string;
  readonly direction?: Direction;
  /** Bytes of the frame a decoder may read: ROW_LIMIT_BYTES for list rows (the default is 1 MiB). */
  readonly maxBytes?: number;
  /** MQTT protocol level of the connection (4 = 3.1.1, 5 = 5.0), learned from its CONNECT. */
  readonly mqttVersion?: 3 | 4 | 5;
  /** Engine.IO protocol (3 = Socket.IO v2, 4 = v3/v4); read from the URL's EIO= when absent. */
  readonly engineIoVersion?: 3 | 4;
  /** The protobuf message type chosen for this socket and direction (see protobuf-type-hook.ts). */
  readonly protobufType?: ProtobufTypeDecoder;
}

export interface DecodedField {
  readonly name: string;
  readonly value: string;
}

/**
 * Links a message to others of the same exchange (GraphQL operation, JSON-RPC call, SignalR
 * invocation, Phoenix push). `request` starts it; a `reply` comes from the other side; `cancel`
 * comes from the requester's side. `final` says the exchange is over. See pairing.ts.
 */
export interface Correlation {
  readonly scope: DecoderId;
  readonly id: string;
  readonly role: 'request' | 'reply' | 'cancel';
  readonly final: boolean;
  /** Operation, method or event name, when this message carries it. */
  readonly operation?: string;
}

export interface DecodeResult {
  readonly decoder: DecoderId;
  /** One line for the list column, e.g. `EVENT chat:message ["hi"]`. Control characters made visible. */
  readonly summary: string;
  /** The message's type in the protocol's own words ('EVENT', 'PUBLISH', 'next'). */
  readonly type?: string;
  /** Ordered name/value pairs for the detail pane (headers, ids, flags). */
  readonly fields: readonly DecodedField[];
  /** The message's content for a value viewer: parsed JSON, a decoded MessagePack value, bytes, text. */
  readonly body?: unknown;
  /** Messages carried together in one frame (SockJS arrays, SignalR records, JSON-RPC batches, MQTT packets). */
  readonly parts?: readonly DecodeResult[];
  readonly correlation?: Correlation;
  /** Only the first `maxBytes` of the frame were read; values past it are TRUNCATED_VALUE. */
  readonly truncated?: boolean;
  /** Why the frame is not a valid message of this protocol. The raw views still apply. */
  readonly error?: string;
}

/** A protocol decoder: a pure function that never throws. */
export type Decode = (payload: WirePayload, context: DecodeContext) => DecodeResult;

export interface DecoderInfo {
  readonly id: DecoderId;
  readonly label: string;
  readonly decode: Decode;
}
