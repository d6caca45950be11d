import { WireError, WireReader } from './protobuf-wire';

/**
 * Several messages in one frame, each behind its length:
 * - 'varint': a varint length, then the message (protobuf's writeDelimitedTo / parseDelimitedFrom).
 * - 'uint32': a 4-byte big-endian length, then the message (common hand-rolled framing).
 * - 'grpc-web': a flag byte, a 4-byte big-endian length, then the message; flag bit 0x80 marks
 *   the trailers frame (HTTP/1-style header lines), bit 0x01 a compressed message.
 */
export type Framing = 'varint' | 'uint32' | 'grpc-web';

export interface FramedMessage {
  /** Offset of the message's prefix in the frame. */
  readonly offset: number;
  readonly bytes: Uint8Array;
  /** gRPC-web only: the flag byte. */
  readonly flag?: number;
}

export interface Framed {
  readonly messages: readonly FramedMessage[];
  /** Why the rest of the frame could not be split (with where). */
  readonly error?: WireError;
  /** The input was cut (truncated payload) inside the last message: not an error. */
  readonly cut?: boolean;
  /** Splitting stopped at MAX_FRAMED_MESSAGES (not an error in the frame). */
  readonly stopped?: WireError;
}

/** Each message is decoded and shown as a part: a frame of thousands is not shown whole. */
export const MAX_FRAMED_MESSAGES = 256;
export const GRPC_TRAILERS_FLAG = 0x80;
export const GRPC_COMPRESSED_FLAG = 0x01;

/** Splits `bytes`; never throws. `truncated`: the bytes are only a prefix of the frame. */
export function splitFrames(bytes: Uint8Array, framing: Framing, truncated = false): Framed {
  const messages: FramedMessage[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (messages.length >= MAX_FRAMED_MESSAGES)
      return { messages, stopped: new WireError(`stopped after ${MAX_FRAMED_MESSAGES} messages`, pos) };
    const header = readHeader(bytes, pos, framing);
    if (header instanceof WireError) return truncated ? { messages, cut: true } : { messages, error: header };
    const end = header.start + header.length;
    if (end > bytes.length) {
      if (truncated) return { messages, cut: true };
      const left = bytes.length - header.start;
      return { messages, error: new WireError(`length ${header.length} runs past the end (${left} bytes left)`, pos) };
    }
    messages.push({
      offset: pos,
      bytes: bytes.subarray(header.start, end),
      ...(header.flag === undefined ? {} : { flag: header.flag }),
    });
    pos = end;
  }
  return { messages };
}

interface Header {
  readonly start: number;
  readonly length: number;
  readonly flag?: number;
}

function readHeader(bytes: Uint8Array, pos: number, framing: Framing): Header | WireError {
  if (framing === 'varint') {
    const reader = new WireReader(bytes, pos);
    try {
      reader.varint();
    } catch (error) {
      return error instanceof WireError ? error : new WireError('bad length', pos);
    }
    if (reader.hi !== 0) return new WireError(`length ${reader.varintText()} is too large`, pos);
    return { start: reader.pos, length: reader.lo };
  }
  const lengthAt = framing === 'grpc-web' ? pos + 1 : pos;
  if (lengthAt + 4 > bytes.length) return new WireError('length prefix runs past the end', pos);
  const length = new DataView(bytes.buffer, bytes.byteOffset + lengthAt, 4).getUint32(0, false);
  return framing === 'grpc-web'
    ? { start: lengthAt + 4, length, flag: bytes[pos] as number }
    : { start: lengthAt + 4, length };
}

/** Puts one encoded message behind its prefix, for sending ('none': as it is). */
export function frameMessage(message: Uint8Array, framing: Framing | 'none'): Uint8Array {
  if (framing === 'none') return message;
  const prefix: number[] = [];
  if (framing === 'varint') {
    let n = message.length;
    while (n > 0x7f) {
      prefix.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    prefix.push(n);
  } else {
    if (framing === 'grpc-web') prefix.push(0);
    const n = message.length;
    prefix.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  }
  const framed = new Uint8Array(prefix.length + message.length);
  framed.set(prefix);
  framed.set(message, prefix.length);
  return framed;
}
