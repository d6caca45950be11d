import { describe, expect, it } from 'vitest';
import { loadProtobufSchema } from '../../../../src/core/protobuf';
import { bytesOf, message, MESSAGES, PROTO_FILES } from './fixtures';

const schema = loadProtobufSchema(PROTO_FILES);

describe('decoding with a schema agrees with @bufbuild/protobuf toJson', () => {
  it('loads the fixture files without a diagnostic', () => {
    expect(schema.diagnostics).toEqual([]);
    expect(schema.messageTypes.slice(0, 7)).toEqual([
      'fixtures.common.Money',
      'fixtures.legacy.Legacy',
      'fixtures.legacy.Legacy.Extra',
      'fixtures.Scalars',
      'fixtures.shop.Item',
      'fixtures.shop.Order',
      'fixtures.shop.OrderV2',
    ]);
    expect(schema.messageTypes).toContain('google.protobuf.Timestamp');
  });

  it.each(MESSAGES.filter((m) => m.type === m.decodeAs).map((m) => [`${m.name} (${m.encoder})`, m] as const))(
    '%s',
    (_name, m) => {
      const decoded = schema.decode(m.decodeAs, bytesOf(m));
      expect(decoded.error).toBeUndefined();
      expect(decoded.unknownFields).toBe(0);
      expect(decoded.value).toEqual(m.json);
    },
  );
});

describe('field kinds', () => {
  it('negative int32 (10-byte varint), sint, sfixed and doubles', () => {
    expect(schema.decode('fixtures.Scalars', bytesOf(message('scalars negative'))).value).toEqual({
      fDouble: -2.5e-300,
      fFloat: -0.25,
      fInt32: -1,
      fInt64: '-9223372036854775808',
      fSint32: -2147483648,
      fSint64: '-9223372036854775808',
      fSfixed32: -2147483648,
      fSfixed64: '-1',
    });
  });

  it('enums by name; values the enum does not declare stay numbers', () => {
    const { value } = schema.decode('fixtures.shop.Order', bytesOf(message('order unknown enum values')));
    expect(value).toEqual({ status: 7, history: ['STATUS_ACTIVE', 99, -5], states: { z: 42 } });
  });

  it('oneof, maps, Timestamp, Duration, Struct, wrappers', () => {
    const { value } = schema.decode('fixtures.shop.Order', bytesOf(message('order full', 'protobufjs')));
    expect(value).toMatchObject({
      card: '4111-1111',
      counts: { apples: 3, pears: -1 },
      itemsById: { '42': { sku: 'X' }, '-7': { sku: 'Y', quantity: 9 } },
      flags: { true: 'yes', false: 'no' },
      createdAt: '2024-02-29T12:34:56.789Z',
      ttl: '3600.500s',
      attributes: { color: 'red', size: 3, tags: ['a', null, true], nested: { deep: false } },
      version: '12345678901',
    });
    expect(value).not.toHaveProperty('cash');
  });

  it('Any with a known type is unpacked, a well-known one under "value"', () => {
    expect(schema.decode('fixtures.shop.Order', bytesOf(message('order any'))).value).toEqual({
      id: 'o3',
      extra: { '@type': 'type.googleapis.com/fixtures.shop.Item', sku: 'ANY-1', quantity: 5 },
    });
    expect(schema.decode('fixtures.shop.Order', bytesOf(message('order any of a well-known type'))).value).toEqual({
      extra: { '@type': 'type.googleapis.com/google.protobuf.Timestamp', value: '2001-09-09T01:46:40Z' },
    });
  });

  it('Any with a type not in the files keeps its bytes', () => {
    const other = loadProtobufSchema(PROTO_FILES.filter((f) => f.name !== 'scalars.proto'));
    const bytes = Uint8Array.from([0x72, 0x0b, 0x0a, 0x05, ...Buffer.from('x/A.B'), 0x12, 0x02, 0x08, 0x01]);
    expect(other.decode('fixtures.shop.Order', bytes).value).toEqual({ extra: { '@type': 'x/A.B', value: 'CAE=' } });
  });

  it('an Any whose value is not its type names both offsets', () => {
    const url = 'type.googleapis.com/fixtures.shop.Item';
    const bytes = Uint8Array.from([0x72, 0x2d, 0x0a, 0x26, ...Buffer.from(url), 0x12, 0x03, 0x0a, 0x09, 0x41]);
    expect(schema.decode('fixtures.shop.Order', bytes).error).toEqual({
      reason: `length 9 runs past the end (1 bytes left) at byte 1 of the value of the Any (${url})`,
      offset: 1,
    });
  });

  it('proto2 groups, packed sint64 and unpacked int32', () => {
    const { value, error } = schema.decode('fixtures.legacy.Legacy', bytesOf(message('legacy proto2 with group')));
    expect(error).toBeUndefined();
    expect(value).toEqual({
      id: 5,
      extra: { note: 'in a group', level: -3 },
      big: ['-1', '123456789012'],
      loose: [1, 2],
      name: 'none',
    });
  });

  it('unknown fields are kept by number, read as the schema-less decoder reads them', () => {
    const m = message('order with unknown fields');
    const decoded = schema.decode('fixtures.shop.Order', bytesOf(m));
    expect(decoded.error).toBeUndefined();
    expect(decoded.unknownFields).toBe(4);
    expect(decoded.value).toEqual({
      ...m.json,
      '#50': 'web',
      '#51': { '1': 'G', '2': 1 },
      // Above 2^53: a decimal string, as the schema-less decoder shows it.
      '#52': '1311768467463790320',
      '#53': [1, 2, 300],
    });
  });

  it('a singular message field seen twice merges; a oneof keeps the last member', () => {
    // Order.parent {id: "a"} then Order.parent {status: 2}; then card "x" then cash {}.
    const bytes = Uint8Array.from([
      0x8a, 0x01, 0x03, 0x0a, 0x01, 0x61, 0x8a, 0x01, 0x02, 0x18, 0x02, 0x52, 0x01, 0x78, 0x5a, 0x00,
    ]);
    expect(schema.decode('fixtures.shop.Order', bytes).value).toEqual({
      parent: { id: 'a', status: 'STATUS_CLOSED' },
      cash: {},
    });
  });

  it('a wire type the field cannot have reads as an unknown field', () => {
    // Order.id (string) sent as varint 5.
    const decoded = schema.decode('fixtures.shop.Order', Uint8Array.from([0x08, 0x05]));
    expect(decoded.value).toEqual({ '#1': 5 });
    expect(decoded.unknownFields).toBe(1);
  });
});
