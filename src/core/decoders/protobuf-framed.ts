import type { WirePayload } from '../../protocol';
import { readBytes } from './input';
import { decodeProtobufMessage } from './protobuf';
import {
  GRPC_COMPRESSED_FLAG,
  GRPC_TRAILERS_FLAG,
  splitFrames,
  type FramedMessage,
  type Framing,
} from './protobuf-framing';
import { failure, fieldList, neverThrows, oneLine, sizeText } from './result';
import type { Decode, DecodeContext, DecodeResult, DecoderId } from './types';

/** Parts shown in the row summary; all of them are in `parts`. */
const SUMMARY_PARTS = 3;

const FRAMING_NAMES: Readonly<Record<Framing, string>> = {
  varint: 'varint length-delimited',
  uint32: '4-byte big-endian length-prefixed',
  'grpc-web': 'gRPC-web',
};

/** A decoder for frames that carry several protobuf messages, each decoded on its own. */
function framedDecoder(id: DecoderId, framing: Framing): Decode {
  return neverThrows(id, (payload: WirePayload, context): DecodeResult => {
    if (payload.kind === 'text') return failure(id, 'Protobuf is binary, this is a text frame', payload);
    const head = readBytes(payload, context);
    if (!head.ok) return failure(id, head.error, payload);
    const { bytes, totalBytes, truncated } = head.value;
    const framed = splitFrames(bytes, framing, truncated);
    const parts = framed.messages.map((message) => decodePart(id, message, context));
    const error = framed.error ? `not ${FRAMING_NAMES[framing]}: ${framed.error.message}` : undefined;
    const count = `${parts.length} message${parts.length === 1 ? '' : 's'}`;
    const preview = parts
      .slice(0, SUMMARY_PARTS)
      .map((part) => part.summary)
      .join(' | ');
    const more = parts.length > SUMMARY_PARTS || framed.stopped ? ' | …' : '';
    return {
      decoder: id,
      type: count,
      summary: oneLine(`${error ? `[${error}] ` : ''}${count}: ${preview}${more}`),
      fields: fieldList([
        ['format', `Protobuf, ${FRAMING_NAMES[framing]}`],
        ['size', sizeText(totalBytes)],
        ['messages', String(parts.length)],
        ['stopped', framed.stopped?.message],
      ]),
      parts,
      ...(truncated ? { truncated: true } : {}),
      ...(error ? { error } : {}),
    };
  });
}

function decodePart(id: DecoderId, message: FramedMessage, context: DecodeContext): DecodeResult {
  const flag = message.flag ?? 0;
  const size = sizeText(message.bytes.length);
  if (flag & GRPC_TRAILERS_FLAG) return grpcTrailers(id, message.bytes, size);
  if (flag & GRPC_COMPRESSED_FLAG)
    return {
      decoder: id,
      type: 'compressed',
      summary: `compressed message (${size}, grpc-encoding not known here)`,
      fields: fieldList([['size', size]]),
      body: message.bytes,
    };
  const decoded = decodeProtobufMessage(id, message.bytes, context, { size, truncated: false });
  return { ...decoded, fields: [{ name: 'offset', value: `byte ${message.offset}` }, ...decoded.fields] };
}

/** gRPC-web trailers: `name: value` lines (grpc-status, grpc-message). */
function grpcTrailers(id: DecoderId, bytes: Uint8Array, size: string): DecodeResult {
  const text = new TextDecoder().decode(bytes);
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const headers = lines.map((line) => {
    const colon = line.indexOf(':');
    return colon === -1
      ? { name: line, value: '' }
      : { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
  });
  const status = headers.find((h) => h.name.toLowerCase() === 'grpc-status')?.value;
  return {
    decoder: id,
    type: 'trailers',
    summary: oneLine(`trailers${status === undefined ? '' : ` grpc-status ${status}`} (${size})`),
    fields: fieldList(headers.map((h) => [h.name, h.value] as const)),
    body: text,
  };
}

export const decodeProtobufDelimited = framedDecoder('protobuf-delimited', 'varint');
export const decodeProtobufPrefixed = framedDecoder('protobuf-prefixed', 'uint32');
export const decodeGrpcWeb = framedDecoder('grpc-web', 'grpc-web');
