import { describe, expect, it } from 'vitest';
import { chooseDecoder, parseRawMessage } from '../../../../src/core/decoders';
import { looksLikeProtobuf } from '../../../../src/core/decoders/protobuf-sniff';
import { bytesOf, MESSAGES, random } from '../protobuf/fixtures';
import { binary, FIXTURE_NAMES, loadFixture } from './fixtures';

const choose = (bytes: ArrayLike<number>) => chooseDecoder({}, binary(bytes)).id;

describe('automatic choice of the protobuf decoder (protobuf-evidence.ts)', () => {
  it('chooses it for every fixture message of two fields or more, without groups', () => {
    const hasGroup = (bytes: Uint8Array) => parseRawMessage(bytes).fields.some((f) => f.value.kind === 'group');
    const multi = MESSAGES.filter((m) => parseRawMessage(bytesOf(m)).fields.length >= 2 && !hasGroup(bytesOf(m)));
    expect(multi.length).toBeGreaterThan(15);
    for (const m of multi) expect([m.name, choose(bytesOf(m))]).toEqual([m.name, 'protobuf']);
    // Groups are deprecated and random bytes make them easily: a message with one stays a manual choice.
    expect(choose(bytesOf(MESSAGES.find((m) => m.name === 'legacy proto2 with group') ?? MESSAGES[0]!))).toBe('binary');
  });

  it('seeded random frames of 1–256 bytes are taken for protobuf less than 0.5% of the time', () => {
    const next = random(0xb1);
    for (const maxLength of [8, 64, 256]) {
      let chosen = 0;
      const rounds = 10_000;
      for (let i = 0; i < rounds; i++) {
        const bytes = Uint8Array.from({ length: 1 + Math.floor(next() * maxLength) }, () => Math.floor(next() * 256));
        if (looksLikeProtobuf(bytes, false)) chosen++;
      }
      expect(chosen / rounds).toBeLessThan(0.005);
    }
  }, 30_000);

  it('not for fields out of order, groups, large field numbers, one lone varint or printable text', () => {
    expect(choose([0x10, 0x01, 0x08, 0x01])).not.toBe('protobuf'); // 2 then 1
    expect(choose([0x0b, 0x08, 0x01, 0x0c, 0x10, 0x01])).not.toBe('protobuf'); // a group
    expect(choose([0x80, 0x80, 0x01, 0x01, 0x88, 0x80, 0x01, 0x01])).not.toBe('protobuf'); // field 2048
    expect(choose([0x08, 0x96, 0x01])).not.toBe('protobuf');
    expect(choose(new TextEncoder().encode('(a0b'))).not.toBe('protobuf'); // 5: 97, 6: 98
    expect(choose([0x08, 0x01, 0x10, 0x02])).toBe('protobuf');
  });

  it('takes no frame another binary decoder recognises', () => {
    for (const name of FIXTURE_NAMES)
      for (const f of loadFixture(name).frames)
        if (f.payload.kind === 'binary')
          expect([f.name, chooseDecoder(f.context ?? {}, f.payload).id]).not.toEqual([f.name, 'protobuf']);
  });
});
