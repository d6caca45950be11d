import { afterEach, describe, expect, it } from 'vitest';
import {
  base64ByteLength,
  base64ToBytes,
  bytesToBase64,
  hexDump,
  utf8ByteLength,
  utf8Encode,
} from '../../../src/core/bytes';

type Native = { toBase64?: unknown; fromBase64?: unknown };
const proto = Uint8Array.prototype as unknown as Native;
const ctor = Uint8Array as unknown as Native;
const original = {
  toBase64: Object.getOwnPropertyDescriptor(proto, 'toBase64'),
  fromBase64: Object.getOwnPropertyDescriptor(ctor, 'fromBase64'),
};

function restore() {
  delete proto.toBase64;
  delete ctor.fromBase64;
  if (original.toBase64) Object.defineProperty(proto, 'toBase64', original.toBase64);
  if (original.fromBase64) Object.defineProperty(ctor, 'fromBase64', original.fromBase64);
}

/** Forces the btoa/atob fallback. */
function withoutNative() {
  delete proto.toBase64;
  delete ctor.fromBase64;
}

/** Forces the native path: the engine's own, or a Buffer-backed stand-in on engines without it. */
const calls = { toBase64: 0, fromBase64: 0 };
function withNative() {
  calls.toBase64 = calls.fromBase64 = 0;
  if (original.toBase64 && original.fromBase64) return;
  proto.toBase64 = function (this: Uint8Array) {
    calls.toBase64++;
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
  };
  ctor.fromBase64 = (s: string) => {
    calls.fromBase64++;
    return new Uint8Array(Buffer.from(s, 'base64'));
  };
}

afterEach(restore);

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const SIZES = [...Array.from({ length: 70 }, (_, i) => i), 255, 256, 1000, 1023, 1024, 4095, 4096, 4097, 4999, 5000];

describe.each([
  ['fallback (btoa/atob)', withoutNative],
  ['native toBase64/fromBase64', withNative],
])('base64 via %s', (_name, setup) => {
  it('round-trips all 256 byte values exactly as Buffer encodes them', () => {
    setup();
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const encoded = bytesToBase64(all);
    expect(encoded).toBe(Buffer.from(all).toString('base64'));
    expect(Array.from(base64ToBytes(encoded))).toEqual(Array.from(all));
  });

  it('round-trips random buffers of sizes 0..5000', () => {
    setup();
    for (const size of SIZES) {
      const bytes = randomBytes(size, size + 17);
      const encoded = bytesToBase64(bytes);
      expect(encoded, `size ${size}`).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64ToBytes(encoded)).equals(Buffer.from(bytes)), `size ${size}`).toBe(true);
      expect(base64ByteLength(encoded), `size ${size}`).toBe(size);
    }
  });

  it('encodes only the viewed range of a subarray', () => {
    setup();
    const view = randomBytes(100, 3).subarray(10, 21);
    expect(bytesToBase64(view)).toBe(Buffer.from(view).toString('base64'));
  });
});

it('the native path is really taken when present', () => {
  withNative();
  bytesToBase64(new Uint8Array([1, 2, 3]));
  base64ToBytes('AQID');
  if (!original.toBase64) expect(calls).toEqual({ toBase64: 1, fromBase64: 1 });
});

describe('base64ByteLength', () => {
  it('accounts for padding', () => {
    expect(base64ByteLength('')).toBe(0);
    expect(base64ByteLength('AA==')).toBe(1);
    expect(base64ByteLength('AAA=')).toBe(2);
    expect(base64ByteLength('AAAA')).toBe(3);
    expect(base64ByteLength('AAAAAA==')).toBe(4);
  });
});

describe('utf8ByteLength', () => {
  const cases: [string, string, number][] = [
    ['empty', '', 0],
    ['ASCII', 'hello, world\n\u0000\u007f', 15],
    ['2-byte', 'é\u0080\u07ff', 6],
    ['3-byte', '€\u0800\uffff中', 12],
    ['4-byte (surrogate pair)', '😀𝄞', 8],
    ['lone high surrogate at end', 'a\ud800', 4],
    ['lone high surrogate before ASCII', '\ud800a', 4],
    ['lone low surrogate', '\udc00', 3],
    ['reversed pair', '\udc00\ud800', 6],
    ['high, then a full pair', '\ud800\ud800\udc00', 7],
    ['mixed', 'aé€😀', 10],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(utf8ByteLength(text)).toBe(expected);
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
    expect(utf8Encode(text).length).toBe(expected);
  });
});

describe('hexDump', () => {
  it('formats offset, two groups of 8 hex bytes and the printable ASCII column', () => {
    const bytes = new Uint8Array([...Buffer.from('Hello, World!\n\u0001\u007f'), 0x80, 0xff, 0x41]);
    expect(hexDump(bytes)).toEqual([
      '00000000  48 65 6c 6c 6f 2c 20 57  6f 72 6c 64 21 0a 01 7f  Hello, World!...',
      '00000010  80 ff 41'.padEnd(60) + '..A',
    ]);
  });

  it('keeps the ASCII column at the same position on every row and numbers offsets in hex', () => {
    const lines = hexDump(Uint8Array.from({ length: 40 }, (_, i) => 0x30 + (i % 10)));
    expect(lines).toEqual([
      '00000000  30 31 32 33 34 35 36 37  38 39 30 31 32 33 34 35  0123456789012345',
      '00000010  36 37 38 39 30 31 32 33  34 35 36 37 38 39 30 31  6789012345678901',
      '00000020  32 33 34 35 36 37 38 39'.padEnd(60) + '23456789',
    ]);
  });

  it('stops at maxBytes and returns nothing for empty input', () => {
    expect(hexDump(new Uint8Array(0))).toEqual([]);
    expect(hexDump(new Uint8Array(100), 20)).toEqual([
      '00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................',
      '00000010  00 00 00 00'.padEnd(60) + '....',
    ]);
  });
});

describe('base64Head', () => {
  it('decodes only the first bytes, for any limit, without cutting a base64 group', async () => {
    const { base64Head, bytesToBase64 } = await import('../../../src/core/bytes');
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
    const base64 = bytesToBase64(bytes);
    for (const limit of [0, 1, 2, 3, 4, 5, 16, 47, 99, 100, 5461, 16_384]) {
      expect([...base64Head(base64, limit)]).toEqual([...bytes.subarray(0, limit)]);
    }
  });
});
