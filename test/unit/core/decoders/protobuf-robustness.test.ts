import { afterEach, describe, expect, it } from 'vitest';
import { decodeWith, type DecodeContext, type DecodeResult, type DecoderId } from '../../../../src/core/decoders';
import { loadProtobufSchema } from '../../../../src/core/protobuf';
import { bytesOf, MESSAGES, PROTO_FILES, random } from '../protobuf/fixtures';
import { binary } from './fixtures';

const IDS: readonly DecoderId[] = ['protobuf', 'protobuf-delimited', 'protobuf-prefixed', 'grpc-web'];
const schema = loadProtobufSchema(PROTO_FILES);
const TYPES = ['fixtures.shop.Order', 'fixtures.Scalars', 'fixtures.legacy.Legacy'];
const contexts: DecodeContext[] = [{}, ...TYPES.map((t) => ({ protobufType: schema.decoderFor(t) ?? undefined }))];

/** Problems found, checked in plain code (expect() per result is slow). */
const problems: string[] = [];

function check(result: DecodeResult, what: string) {
  if (typeof result.summary !== 'string' || result.summary.length > 200) problems.push(`${what}: summary length`);
  if (result.error?.startsWith('decoder failed')) problems.push(`${what}: ${result.error}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(result.summary)) problems.push(`${what}: control character in the summary`);
  for (const part of result.parts ?? []) check(part, `${what} part`);
}

function decodeAll(bytes: Uint8Array, what: string) {
  for (const id of IDS) for (const context of contexts) check(decodeWith(id, binary(bytes), context), `${id} ${what}`);
  for (const type of TYPES) {
    const decoded = schema.decode(type, bytes);
    if (decoded.error?.reason.includes('Error')) problems.push(`${type} ${what}: ${decoded.error.reason}`);
  }
}

afterEach(() => {
  expect(problems.splice(0).slice(0, 10)).toEqual([]);
});

/** Hundreds of thousands of decodes: give a loaded machine time. */
const SLOW = 60_000;

describe('protobuf decoders never throw', () => {
  it(
    'on every prefix of every fixture message',
    () => {
      for (const m of MESSAGES) {
        const bytes = bytesOf(m);
        for (let end = 0; end < bytes.length; end++) decodeAll(bytes.subarray(0, end), `${m.name}[0, ${end})`);
      }
    },
    SLOW,
  );

  it(
    'on single-byte mutations of every fixture message (seeded)',
    () => {
      const next = random(7);
      for (const m of MESSAGES) {
        const bytes = bytesOf(m);
        for (let round = 0; round < 30 && bytes.length > 0; round++) {
          const mutated = Uint8Array.from(bytes);
          mutated[Math.floor(next() * mutated.length)] = Math.floor(next() * 256);
          decodeAll(mutated, `mutated ${m.name}`);
        }
      }
    },
    SLOW,
  );

  it(
    'on random bytes (seeded)',
    () => {
      const next = random(0x5eed);
      for (let round = 0; round < 1500; round++) {
        const bytes = Uint8Array.from({ length: Math.floor(next() * 96) }, () => Math.floor(next() * 256));
        decodeAll(bytes, `random ${Buffer.from(bytes).toString('hex')}`);
      }
    },
    SLOW,
  );

  it(
    'on lying lengths and deep nesting',
    () => {
      const deep = new Uint8Array(200_000).fill(0x8b); // field 17 (Order.parent) start-group, 100 000 times
      const nestedLengths = Uint8Array.from(Array.from({ length: 5000 }, () => [0x8a, 0x01, 0xff, 0xff, 0x03]).flat());
      for (const bytes of [
        deep,
        nestedLengths,
        Uint8Array.from([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f]),
        Uint8Array.from([0x7a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
      ])
        decodeAll(bytes, `hostile ${bytes.length} B`);
    },
    SLOW,
  );
});
