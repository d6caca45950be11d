/**
 * How a decoder reads a frame with a schema without depending on the schema code: the UI
 * loads ../protobuf (a lazy chunk, only once the user imports a .proto), gets a
 * ProtobufTypeDecoder for the message type chosen for the socket and direction, and passes it
 * as `DecodeContext.protobufType`. The protobuf decoders then use it for every message.
 */
export interface ProtobufTypeDecoder {
  /** Fully qualified message type, e.g. `shop.v1.Order`. */
  readonly typeName: string;
  /** Never throws. */
  decode(bytes: Uint8Array): ProtobufTypeDecoded;
}

export interface ProtobufTypeDecoded {
  /** The message in the proto3 JSON mapping; unknown fields under `#<number>` keys. Partial on error. */
  readonly value: Record<string, unknown>;
  /** Why the bytes are not a valid message of the type, and where reading stopped. */
  readonly error?: { readonly reason: string; readonly offset: number };
  /** Fields whose number the type does not declare (shown by number). */
  readonly unknownFields: number;
}
