import { describe, expect, it } from 'vitest';
import { loadProtobufSchema } from '../../../../src/core/protobuf';
import { bytesOf, message, MESSAGES, PROTO_FILES } from './fixtures';

const schema = loadProtobufSchema(PROTO_FILES);
const withInput = MESSAGES.filter(
  (m) => m.input !== null && m.encoder === '@bufbuild/protobuf' && m.type === m.decodeAs,
);

describe('encoding JSON for a message type', () => {
  it.each(withInput.map((m) => [m.name, m] as const))(
    '%s: JSON → binary → decoding gives the same JSON',
    (_name, m) => {
      const encoded = schema.encode(m.type, m.input);
      if (!encoded.ok) throw new Error(encoded.error);
      expect(schema.decode(m.type, encoded.bytes)).toEqual({ value: m.json, unknownFields: 0 });
    },
  );

  it.each(withInput.map((m) => [m.name, m] as const))('%s: the same bytes as @bufbuild/protobuf', (_name, m) => {
    const encoded = schema.encode(m.type, m.input);
    expect(encoded.ok && Buffer.from(encoded.bytes).toString('base64')).toBe(m.payload);
  });

  it('takes .proto field names as well as JSON names, enums by number, 64-bit integers as numbers', () => {
    const encoded = schema.encode('fixtures.shop.Order', {
      packed_ints: [1],
      status: 2,
      items_by_id: { 5: {} },
      parent: { id: 'p' },
    });
    expect(encoded.ok && schema.decode('fixtures.shop.Order', encoded.bytes).value).toEqual({
      status: 'STATUS_CLOSED',
      packedInts: [1],
      itemsById: { '5': {} },
      parent: { id: 'p' },
    });
    const big = schema.encode('fixtures.Scalars', { fInt64: 42, fUint64: '18446744073709551615' });
    expect(big.ok && schema.decode('fixtures.Scalars', big.bytes).value).toEqual({
      fInt64: '42',
      fUint64: '18446744073709551615',
    });
  });

  it('encodeJsonText parses the composer text first', () => {
    const fromText = schema.encodeJsonText('fixtures.shop.Item', '{"sku": "A-1", "quantity": 2}');
    expect(fromText.ok && [...fromText.bytes]).toEqual([0x0a, 0x03, 0x41, 0x2d, 0x31, 0x10, 0x02]);
    expect(schema.encodeJsonText('fixtures.shop.Item', '{"sku": ')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not JSON: /) as string,
    });
  });

  it.each([
    [{ nope: 1 }, 'nope: Order has no field "nope"'],
    [{ id: 5 }, 'id: expected a string, got 5'],
    [{ items: [{ quantity: -1 }] }, 'items[0].quantity: -1 is out of range for uint32'],
    [{ items: {} }, 'items: expected an array, got an object'],
    [
      { status: 'STATUS_NOPE' },
      'status: "STATUS_NOPE" is not a value of Status (STATUS_UNSPECIFIED, STATUS_ACTIVE, STATUS_CLOSED)',
    ],
    [{ card: 'x', cash: {} }, 'oneof payment has card and cash set'],
    [{ createdAt: 'yesterday' }, 'createdAt: expected an RFC 3339 timestamp, got "yesterday"'],
    [{ ttl: 5 }, 'ttl: expected a duration like "1.5s", got 5'],
    [{ flags: { maybe: 'x' } }, 'flags["maybe"]: expected "true" or "false" as a bool map key'],
    [
      { extra: { '@type': 'type.googleapis.com/no.Such' } },
      'extra.@type: type.googleapis.com/no.Such is not in the imported files',
    ],
    [[], 'expected an object for fixtures.shop.Order, got an array'],
  ])('%j is refused: %s', (json, error) => {
    expect(schema.encode('fixtures.shop.Order', json)).toMatchObject({ ok: false, error });
  });

  it('bytes, floats and nested depth', () => {
    expect(schema.encode('fixtures.Scalars', { fBytes: 'not base64!' })).toMatchObject({
      ok: false,
      error: 'fBytes: expected base64 for bytes, got "not base64!"',
    });
    expect(schema.encode('fixtures.Scalars', { fFloat: 1e39 })).toMatchObject({
      ok: false,
      error: 'fFloat: 1e+39 is out of range for float',
    });
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) deep = { parent: deep };
    expect(schema.encode('fixtures.shop.Order', deep)).toMatchObject({
      ok: false,
      error: expect.stringContaining('nested deeper than 64') as string,
    });
  });

  it('an unknown type name', () => {
    expect(schema.encode('no.Such', {})).toMatchObject({
      ok: false,
      error: 'no message type no.Such in the imported files',
    });
    expect(schema.decoderFor('no.Such')).toBeNull();
  });

  void message;
  void bytesOf;
});
