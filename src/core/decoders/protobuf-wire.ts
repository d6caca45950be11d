import { uint64Text } from './protobuf-wire-values';

/**
 * The protobuf wire format, read by hand (https://protobuf.dev/programming-guides/encoding/).
 * Shared by the schema-less decoder and the schema decoder in ../protobuf, so both agree on what a
 * frame holds and where it stops being valid.
 *
 * Methods throw WireError (never anything else); callers catch it at their top level and turn it
 * into an error that names the byte offset. A 64-bit varint is kept as two uint32 halves (lo, hi)
 * so that the common small values need no BigInt.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

/** Field numbers are 29 bits (the spec's largest is 2^29 - 1). */
export const MAX_FIELD_NUMBER = 0x1fffffff;

export class WireError extends Error {
  readonly reason: string;
  readonly offset: number;

  constructor(reason: string, offset: number) {
    // Decoding tries many readings that fail (is this string a message?): no stack trace, which
    // V8 would otherwise capture for each (most of the time spent on a 1 MiB frame).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${reason} at byte ${offset}`);
    Error.stackTraceLimit = limit;
    this.reason = reason;
    this.offset = offset;
  }
}

export interface Tag {
  readonly fieldNumber: number;
  readonly wireType: number;
  /** Where the tag starts. */
  readonly offset: number;
}

export class WireReader {
  pos: number;
  /** The last varint or fixed64 read: low and high 32 bits, unsigned. */
  lo = 0;
  hi = 0;
  private dataView: DataView | null = null;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  /** Made when first needed: most nested readers read no fixed-width value. */
  private get view(): DataView {
    return (this.dataView ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength));
  }

  /** A reader of the next `length` bytes (a nested message); this one moves past them. */
  sub(length: number): WireReader {
    const inner = new WireReader(this.bytes, this.pos, this.pos + length);
    this.pos += length;
    return inner;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a varint of up to 10 bytes into lo/hi. */
  varint(): void {
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('varint runs past the end', start);
      const b = this.bytes[this.pos++] as number;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw new WireError('varint longer than 10 bytes', start);
  }

  tag(): Tag {
    const offset = this.pos;
    this.varint();
    if (this.hi !== 0) throw new WireError('field tag larger than 32 bits', offset);
    const fieldNumber = this.lo >>> 3;
    const wireType = this.lo & 7;
    if (fieldNumber === 0) throw new WireError('field number 0', offset);
    if (wireType > 5) throw new WireError(`wire type ${wireType} does not exist`, offset);
    return { fieldNumber, wireType, offset };
  }

  /** A length prefix, checked against what is left of the message. */
  length(): number {
    const offset = this.pos;
    this.varint();
    const left = this.end - this.pos;
    if (this.hi !== 0 || this.lo > left)
      throw new WireError(`length ${this.varintText()} runs past the end (${left} bytes left)`, offset);
    return this.lo;
  }

  fixed32(): number {
    if (this.end - this.pos < 4) throw new WireError('fixed32 runs past the end', this.pos);
    const value = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return value;
  }

  /** Reads 8 bytes into lo/hi. */
  fixed64(): void {
    if (this.end - this.pos < 8) throw new WireError('fixed64 runs past the end', this.pos);
    this.lo = this.view.getUint32(this.pos, true);
    this.hi = this.view.getUint32(this.pos + 4, true);
    this.pos += 8;
  }

  float32At(offset: number): number {
    return this.view.getFloat32(offset, true);
  }

  float64At(offset: number): number {
    return this.view.getFloat64(offset, true);
  }

  /** Skips a field's value (groups included, to `maxDepth` levels). */
  skip(tag: Tag, maxDepth: number): void {
    switch (tag.wireType) {
      case WIRE_VARINT:
        return this.varint();
      case WIRE_FIXED64:
        return this.fixed64();
      case WIRE_LEN: {
        // Read the length first: `this.pos += this.length()` would add to the old position.
        const length = this.length();
        this.pos += length;
        return;
      }
      case WIRE_FIXED32:
        this.fixed32();
        return;
      case WIRE_START_GROUP:
        return this.skipGroup(tag, maxDepth);
      default:
        throw new WireError(`end of group ${tag.fieldNumber} without its start`, tag.offset);
    }
  }

  private skipGroup(start: Tag, maxDepth: number): void {
    if (maxDepth <= 0) throw new WireError('groups nested too deeply', start.offset);
    for (;;) {
      if (this.done) throw new WireError(`group ${start.fieldNumber} has no end`, start.offset);
      const tag = this.tag();
      if (tag.wireType === WIRE_END_GROUP) {
        if (tag.fieldNumber !== start.fieldNumber)
          throw new WireError(`end of group ${tag.fieldNumber} inside group ${start.fieldNumber}`, tag.offset);
        return;
      }
      this.skip(tag, maxDepth - 1);
    }
  }

  /** The last varint as an unsigned decimal. */
  varintText(): string {
    return uint64Text(this.lo, this.hi);
  }
}
