import { describe, expect, it } from 'vitest';
import { decodeWith } from '../../../../src/core/decoders';
import { loadProtobufSchema } from '../../../../src/core/protobuf';
import { binary } from '../decoders/fixtures';
import { PROTO_FILES } from './fixtures';

const schema = loadProtobufSchema(PROTO_FILES);

/** An Order of about 1 MiB: 24 000 items with a price, tags and counts. */
export function bigOrder(): Record<string, unknown> {
  const items = Array.from({ length: 24_000 }, (_, i) => ({
    sku: `SKU-${i}-abcdefgh`,
    quantity: i % 100,
    price: { currency: 'EUR', units: String(i * 7), nanos: -i },
  }));
  return { id: 'big', items, packedInts: Array.from({ length: 20_000 }, (_, i) => i * 31 - 1000), tags: ['a', 'b'] };
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

describe('a 1 MiB message', () => {
  const encoded = schema.encode('fixtures.shop.Order', bigOrder());
  if (!encoded.ok) throw new Error(encoded.error);
  const bytes = encoded.bytes;

  it('is about 1 MiB', () => {
    expect(bytes.length).toBeGreaterThan(900 * 1024);
    expect(bytes.length).toBeLessThan(1200 * 1024);
  });

  it('decodes with its type in well under a second', () => {
    schema.decode('fixtures.shop.Order', bytes); // warm up
    const [decoded, ms] = timed(() => schema.decode('fixtures.shop.Order', bytes));
    expect(decoded.error).toBeUndefined();
    expect((decoded.value.items as unknown[]).length).toBe(24_000);
    expect(ms).toBeLessThan(1000);
  });

  it('decodes without a schema in well under a second', () => {
    const [result, ms] = timed(() => decodeWith('protobuf', binary(bytes), { maxBytes: 2 * 1024 * 1024 }));
    expect(result.error).toBeUndefined();
    expect(ms).toBeLessThan(1000);
  });

  it('encodes in well under a second', () => {
    const [result, ms] = timed(() => schema.encode('fixtures.shop.Order', bigOrder()));
    expect(result.ok).toBe(true);
    expect(ms).toBeLessThan(1000);
  });
});
