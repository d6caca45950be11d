/** Writes the protobuf wire format into a growing buffer (the reader's counterpart). */
export class WireWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private ensure(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + more) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  /** A 64-bit varint from its unsigned halves. */
  varint(lo: number, hi: number): void {
    this.ensure(10);
    lo >>>= 0;
    hi >>>= 0;
    while (hi !== 0 || lo > 0x7f) {
      this.buffer[this.length++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buffer[this.length++] = lo;
  }

  /** An int32: negative values are sign-extended to 64 bits (10 bytes), as the spec says. */
  int32(n: number): void {
    this.varint(n, n < 0 ? 0xffffffff : 0);
  }

  tag(fieldNumber: number, wireType: number): void {
    this.varint(((fieldNumber << 3) | wireType) >>> 0, fieldNumber >>> 29);
  }

  fixed32(n: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, n >>> 0, true);
    this.length += 4;
  }

  fixed64(lo: number, hi: number): void {
    this.ensure(8);
    this.view.setUint32(this.length, lo >>> 0, true);
    this.view.setUint32(this.length + 4, hi >>> 0, true);
    this.length += 8;
  }

  float(n: number): void {
    this.ensure(4);
    this.view.setFloat32(this.length, n, true);
    this.length += 4;
  }

  double(n: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, n, true);
    this.length += 8;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** A length-delimited value: its length, then its bytes. */
  lengthDelimited(bytes: Uint8Array): void {
    this.varint(bytes.length, 0);
    this.raw(bytes);
  }

  /**
   * Starts a nested value written in place; `endLengthDelimited(start)` then puts its length in
   * front (moving the bytes by the length's size), so nested messages need no buffer of their own.
   */
  startLengthDelimited(): number {
    return this.length;
  }

  endLengthDelimited(start: number): void {
    const length = this.length - start;
    let size = 1;
    while (length >>> (7 * size) !== 0 && size < 5) size++;
    this.ensure(size);
    this.buffer.copyWithin(start + size, start, this.length);
    let n = length;
    let at = start;
    while (n > 0x7f) {
      this.buffer[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buffer[at] = n;
    this.length += size;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
