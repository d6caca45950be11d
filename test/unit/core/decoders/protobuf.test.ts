import { describe, expect, it } from 'vitest';
import { decodeWith, listDecoders } from '../../../../src/core/decoders';
import { frameMessage } from '../../../../src/core/protobuf';
import { loadProtobufSchema } from '../../../../src/core/protobuf';
import { ROW_LIMIT_BYTES } from '../../../../src/core/payload-views';
import { bytesOf, message, PROTO_FILES } from '../protobuf/fixtures';
import { binary, text } from './fixtures';

const order = bytesOf(message('order full'));
const item = Uint8Array.from([0x0a, 0x03, 0x41, 0x2d, 0x31, 0x10, 0x02]); // Item {sku: "A-1", quantity: 2}
const schema = loadProtobufSchema(PROTO_FILES);

describe('"Decode as" offers the protobuf decoders', () => {
  it('lists them', () => {
    expect(listDecoders().filter((d) => /protobuf|grpc/.test(d.id))).toEqual([
      { id: 'protobuf', label: 'Protobuf' },
      { id: 'protobuf-delimited', label: 'Protobuf, varint length-delimited' },
      { id: 'protobuf-prefixed', label: 'Protobuf, 4-byte length-prefixed' },
      { id: 'grpc-web', label: 'gRPC-web frames' },
    ]);
  });
});

describe('protobuf, no schema', () => {
  it('summary, body keyed by field number, one detail line per field with every reading', () => {
    const result = decodeWith('protobuf', binary(item), {});
    expect(result.error).toBeUndefined();
    expect(result.summary).toBe('{"1":"A-1","2":2} (7 B)');
    expect(result.body).toEqual({ '1': 'A-1', '2': 2 });
    expect(result.fields).toEqual([
      { name: 'format', value: 'Protobuf, no schema (like protoc --decode_raw)' },
      { name: 'size', value: '7 B' },
      { name: '1', value: 'string "A-1"' },
      { name: '2', value: 'varint 2 (sint 1)' },
    ]);
  });

  it('repeated numbers become arrays; nested fields have paths', () => {
    const result = decodeWith('protobuf', binary(order), {});
    const body = result.body as Record<string, unknown>;
    expect(Array.isArray(body['2'])).toBe(true);
    expect(result.fields.map((f) => f.name)).toContain('2.3.1');
  });

  it('a frame that is not protobuf says where reading stopped', () => {
    const result = decodeWith('protobuf', binary([0x08, 0x01, 0x0f, 0x00]), {});
    expect(result.error).toBe('not protobuf: wire type 7 does not exist at byte 2');
    expect(result.summary).toBe('[not protobuf: wire type 7 does not exist at byte 2] {"1":1}');
  });

  it('a text frame is not protobuf; an empty frame is an empty message', () => {
    expect(decodeWith('protobuf', text('hi'), {}).error).toBe('Protobuf is binary, this is a text frame');
    expect(decodeWith('protobuf', binary([]), {})).toMatchObject({ summary: 'empty message {} (0 B)', body: {} });
  });

  it('a frame cut at the row limit decodes its start, without an error', () => {
    const big = Uint8Array.from([...item, 0x1a, 0xff, 0xff, 0x03, ...new Uint8Array(65535)]);
    const result = decodeWith('protobuf', binary(big), { maxBytes: ROW_LIMIT_BYTES });
    expect(result).toMatchObject({ truncated: true, body: { '1': 'A-1', '2': 2 } });
    expect(result.error).toBeUndefined();
  });
});

describe('protobuf with a chosen type', () => {
  it('decodes to named fields', () => {
    const result = decodeWith('protobuf', binary(item), {
      protobufType: schema.decoderFor('fixtures.shop.Item') ?? undefined,
    });
    expect(result).toMatchObject({
      type: 'fixtures.shop.Item',
      summary: 'Item {"sku":"A-1","quantity":2} (7 B)',
      body: { sku: 'A-1', quantity: 2 },
    });
  });

  it('names the type and the offset when the bytes are not a valid message of it', () => {
    const result = decodeWith('protobuf', binary([0x0a, 0x09, 0x41]), {
      protobufType: schema.decoderFor('fixtures.shop.Item') ?? undefined,
    });
    expect(result.error).toBe('not a valid fixtures.shop.Item: length 9 runs past the end (1 bytes left) at byte 1');
  });

  it('counts unknown fields', () => {
    const v2 = bytesOf(message('order with unknown fields'));
    const result = decodeWith('protobuf', binary(v2), {
      protobufType: schema.decoderFor('fixtures.shop.Order') ?? undefined,
    });
    expect(result.fields).toContainEqual({ name: 'unknown fields', value: '4' });
  });
});

describe('several messages in one frame', () => {
  const two = [item, Uint8Array.from([0x0a, 0x01, 0x42])];
  const joined = (framing: 'varint' | 'uint32' | 'grpc-web') =>
    Uint8Array.from(two.flatMap((m) => [...frameMessage(m, framing)]));

  it.each([
    ['protobuf-delimited', 'varint'],
    ['protobuf-prefixed', 'uint32'],
    ['grpc-web', 'grpc-web'],
  ] as const)('%s: each message decoded on its own', (id, framing) => {
    const result = decodeWith(id, binary(joined(framing)), {});
    expect(result.error).toBeUndefined();
    expect(result.type).toBe('2 messages');
    expect(result.parts?.map((p) => p.body)).toEqual([{ '1': 'A-1', '2': 2 }, { '1': 'B' }]);
    expect(result.summary).toBe('2 messages: {"1":"A-1","2":2} (7 B) | {"1":"B"} (3 B)');
  });

  it('with a schema, each part by the chosen type', () => {
    const result = decodeWith('protobuf-delimited', binary(joined('varint')), {
      protobufType: schema.decoderFor('fixtures.shop.Item') ?? undefined,
    });
    expect(result.parts?.map((p) => p.body)).toEqual([{ sku: 'A-1', quantity: 2 }, { sku: 'B' }]);
  });

  it('gRPC-web trailers and compressed messages', () => {
    const trailers = new TextEncoder().encode('grpc-status: 0\r\ngrpc-message: OK\r\n');
    const frame = Uint8Array.from([
      ...frameMessage(item, 'grpc-web'),
      0x01,
      0,
      0,
      0,
      2,
      0x1f,
      0x8b,
      0x80,
      0,
      0,
      0,
      trailers.length,
      ...trailers,
    ]);
    const result = decodeWith('grpc-web', binary(frame), {});
    expect(result.parts?.map((p) => [p.type, p.summary])).toEqual([
      ['message', '{"1":"A-1","2":2} (7 B)'],
      ['compressed', 'compressed message (2 B, grpc-encoding not known here)'],
      ['trailers', 'trailers grpc-status 0 (34 B)'],
    ]);
    expect(result.parts?.[2]?.fields).toEqual([
      { name: 'grpc-status', value: '0' },
      { name: 'grpc-message', value: 'OK' },
    ]);
  });

  it('a length past the end says where', () => {
    const result = decodeWith('protobuf-prefixed', binary([0, 0, 0, 2, 0x08, 0x01, 0, 0, 1, 0, 0x08]), {});
    expect(result.parts).toHaveLength(1);
    expect(result.error).toBe(
      'not 4-byte big-endian length-prefixed: length 256 runs past the end (1 bytes left) at byte 6',
    );
  });
});
