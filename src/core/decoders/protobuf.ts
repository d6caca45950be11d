import type { WirePayload } from '../../protocol';
import { readBytes } from './input';
import { parseRawMessage, type RawMessage } from './protobuf-raw';
import type { ProtobufTypeDecoder } from './protobuf-type-hook';
import { rawDetailLines, rawToBody } from './protobuf-view';
import { brief, failure, fieldList, neverThrows, oneLine, sizeText } from './result';
import type { DecodeContext, DecodeResult, DecoderId } from './types';

/**
 * Protocol Buffers, one message per frame. Without a schema it reads the wire format the way
 * `protoc --decode_raw` does (protobuf-raw.ts); with `context.protobufType` (a type chosen from
 * imported .proto files, see ../protobuf) it shows named fields.
 */
export const decodeProtobuf = neverThrows('protobuf', (payload: WirePayload, context): DecodeResult => {
  if (payload.kind === 'text') return failure('protobuf', 'Protobuf is binary, this is a text frame', payload);
  const head = readBytes(payload, context);
  if (!head.ok) return failure('protobuf', head.error, payload);
  const { bytes, totalBytes, truncated } = head.value;
  return decodeProtobufMessage('protobuf', bytes, context, { size: sizeText(totalBytes), truncated });
});

interface MessageInfo {
  readonly size: string;
  /** `bytes` is only the start of the message. */
  readonly truncated: boolean;
}

/** One message's bytes (a frame, or one part of a framed frame), with or without a schema. */
export function decodeProtobufMessage(
  decoder: DecoderId,
  bytes: Uint8Array,
  context: DecodeContext,
  info: MessageInfo,
): DecodeResult {
  return context.protobufType
    ? withType(decoder, bytes, context.protobufType, info)
    : withoutType(decoder, bytes, parseRawMessage(bytes), info);
}

function withoutType(decoder: DecoderId, bytes: Uint8Array, raw: RawMessage, info: MessageInfo): DecodeResult {
  const body = rawToBody(raw.fields);
  // In a cut message, reading stops at the field the cut runs through: that is no error.
  const error = raw.error && !(info.truncated && isCutAtEnd(raw.error.reason)) ? raw.error : undefined;
  const common = {
    decoder,
    type: 'message',
    fields: [
      ...fieldList([
        ['format', 'Protobuf, no schema (like protoc --decode_raw)'],
        ['size', info.size],
        ['stopped', raw.stopped?.message],
      ]),
      ...rawDetailLines(raw.fields),
    ],
    body,
    ...(info.truncated ? { truncated: true } : {}),
  };
  if (error) {
    const reason = `not protobuf: ${error.message}`;
    return { ...common, summary: oneLine(`[${reason}] ${brief(body, 100)}`), error: reason };
  }
  const empty = bytes.length === 0 ? 'empty message ' : '';
  return { ...common, summary: oneLine(`${empty}${brief(body, 140)} (${info.size})`) };
}

/** Errors a cut makes: a length or a group running past the end of what was read. */
const isCutAtEnd = (reason: string) => /past the end|has no end/.test(reason);

function withType(decoder: DecoderId, bytes: Uint8Array, type: ProtobufTypeDecoder, info: MessageInfo): DecodeResult {
  const decoded = type.decode(bytes);
  const error = decoded.error && !(info.truncated && isCutAtEnd(decoded.error.reason)) ? decoded.error : null;
  const reason = error ? `not a valid ${type.typeName}: ${error.reason} at byte ${error.offset}` : undefined;
  const shortName = type.typeName.slice(type.typeName.lastIndexOf('.') + 1);
  return {
    decoder,
    type: type.typeName,
    summary: oneLine(
      reason ? `[${reason}] ${brief(decoded.value, 100)}` : `${shortName} ${brief(decoded.value, 140)} (${info.size})`,
    ),
    fields: fieldList([
      ['format', `Protobuf, ${type.typeName}`],
      ['size', info.size],
      ['unknown fields', decoded.unknownFields > 0 ? String(decoded.unknownFields) : undefined],
    ]),
    body: decoded.value,
    ...(info.truncated ? { truncated: true } : {}),
    ...(reason ? { error: reason } : {}),
  };
}
