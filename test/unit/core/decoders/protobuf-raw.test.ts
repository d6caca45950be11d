import { describe, expect, it } from 'vitest';
import { formatDecodeRaw, parseRawMessage, type RawField } from '../../../../src/core/decoders';
import { bytesOf, message, MESSAGES } from '../protobuf/fixtures';

const parse = (bytes: ArrayLike<number>) => parseRawMessage(Uint8Array.from(bytes));

describe('schema-less reading agrees with protoc --decode_raw', () => {
  it.each(MESSAGES.map((m) => [`${m.name} (${m.encoder})`, m] as const))('%s', (_name, m) => {
    const raw = parseRawMessage(bytesOf(m));
    expect(raw.error).toBeUndefined();
    expect(formatDecodeRaw(raw.fields)).toBe(m.decodeRaw);
  });
});

describe('the tree of a message', () => {
  it('varints with int64 and zigzag readings, fixed64 and fixed32 as int and float', () => {
    // 1: 150, 2: -1 (int64), 3: fixed64 1.5, 4: fixed32 -2.0
    const bytes = [
      0x08,
      0x96,
      0x01,
      0x10,
      ...new Array<number>(9).fill(0xff),
      0x01,
      0x19,
      0,
      0,
      0,
      0,
      0,
      0,
      0xf8,
      0x3f,
      0x25,
      0,
      0,
      0,
      0xc0,
    ];
    expect(parse(bytes).fields.map((f) => [f.fieldNumber, f.value])).toEqual([
      [1, { kind: 'varint', unsigned: '150', signed: '150', zigzag: '75' }],
      [2, { kind: 'varint', unsigned: '18446744073709551615', signed: '-1', zigzag: '-9223372036854775808' }],
      [3, { kind: 'fixed64', unsigned: '4609434218613702656', signed: '4609434218613702656', double: 1.5 }],
      [4, { kind: 'fixed32', unsigned: 3221225472, signed: -1073741824, float: -2 }],
    ]);
  });

  it('length-delimited: nested message, packed varints, text, bytes, empty', () => {
    const nested = [0x0a, 0x04, 0x08, 0x01, 0x10, 0x02];
    const packed = [0x12, 0x03, 0x01, 0x96, 0x01];
    const text = [0x1a, 0x02, 0x68, 0x69]; // "hi" also parses as field 13 = 105
    const bytes = [0x22, 0x02, 0xff, 0xfe];
    const empty = [0x2a, 0x00];
    const fields = parse([...nested, ...packed, ...text, ...bytes, ...empty]).fields;
    const values = fields.map((f) => f.value);
    expect(values[0]).toMatchObject({ kind: 'message', fields: [{ fieldNumber: 1 }, { fieldNumber: 2 }] });
    expect(values[1]).toEqual({ kind: 'packed', values: ['1', '150'] });
    expect(values[2]).toMatchObject({ kind: 'string', text: 'hi', asMessage: [{ fieldNumber: 13 }] });
    expect(values[3]).toEqual({ kind: 'bytes', bytes: Uint8Array.from([0xff, 0xfe]) });
    expect(values[4]).toEqual({ kind: 'string', text: '' });
    // protoc prints "hi" as the message it also is.
    expect(formatDecodeRaw(fields)).toContain('3 {\n  13: 105\n}\n');
  });

  it('groups (wire types 3 and 4)', () => {
    const fields = parse([0x0b, 0x10, 0x05, 0x0c, 0x18, 0x01]).fields;
    expect(fields).toEqual<RawField[]>([
      {
        fieldNumber: 1,
        offset: 0,
        value: {
          kind: 'group',
          fields: [{ fieldNumber: 2, offset: 1, value: expect.objectContaining({ unsigned: '5' }) as never }],
        },
      },
      { fieldNumber: 3, offset: 4, value: { kind: 'varint', unsigned: '1', signed: '1', zigzag: '-1' } },
    ]);
  });
});

describe('not protobuf: the error names the byte offset', () => {
  it.each([
    ['wire type 7', [0x08, 0x01, 0x0f], 'wire type 7 does not exist at byte 2'],
    ['field number 0', [0x00, 0x01], 'field number 0 at byte 0'],
    ['a cut varint', [0x08, 0x96], 'varint runs past the end at byte 1'],
    [
      'a varint of 11 bytes',
      [0x08, ...new Array<number>(10).fill(0x80), 0x01],
      'varint longer than 10 bytes at byte 1',
    ],
    ['a length past the end', [0x08, 0x01, 0x12, 0x05, 0x61], 'length 5 runs past the end (1 bytes left) at byte 3'],
    [
      'a huge length',
      [0x12, 0xff, 0xff, 0xff, 0xff, 0x0f],
      'length 4294967295 runs past the end (0 bytes left) at byte 1',
    ],
    ['a group without its end', [0x0b, 0x08, 0x01], 'group 1 has no end at byte 0'],
    ['an end without its group', [0x0c], 'end of group 1 without its start at byte 0'],
    ['a mismatched group end', [0x0b, 0x14], 'end of group 2 without its start at byte 1'],
    ['a fixed64 cut', [0x09, 1, 2, 3], 'fixed64 runs past the end at byte 1'],
  ])('%s', (_name, bytes, error) => {
    expect(parse(bytes).error?.message).toBe(error);
  });

  it('keeps the fields read before the error', () => {
    expect(parse([0x08, 0x01, 0x10, 0x02, 0x07]).fields.map((f) => f.fieldNumber)).toEqual([1, 2]);
  });
});

describe('bounded', () => {
  it('nesting deeper than the limit stays bytes, saying so', () => {
    let bytes: number[] = [0x08, 0x01];
    for (let i = 0; i < 40; i++) bytes = [0x0a, ...varint(bytes.length), ...bytes];
    const raw = parseRawMessage(Uint8Array.from(bytes));
    expect(raw.error).toBeUndefined();
    let value = raw.fields[0]?.value;
    let depth = 0;
    while (value?.kind === 'message') {
      value = value.fields[0]?.value;
      depth++;
    }
    expect(depth).toBe(24);
    expect(value).toMatchObject({ kind: 'bytes', note: 'not expanded: nested deeper than 24' });
  });

  it('stops after 10 000 fields and says where', () => {
    const raw = parseRawMessage(Uint8Array.from({ length: 30_000 }, (_, i) => (i % 2 === 0 ? 0x08 : 0x01)));
    expect(raw.fields).toHaveLength(10_000);
    expect(raw.stopped?.message).toBe('stopped after 10000 fields at byte 20000');
    expect(raw.error).toBeUndefined();
  });

  it('deep groups are an error, not a stack overflow', () => {
    const raw = parse(new Array<number>(100_000).fill(0x0b));
    expect(raw.error?.message).toBe('groups nested deeper than 24 at byte 24');
  });
});

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

void message;
