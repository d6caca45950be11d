import { describe, expect, it } from 'vitest';
import { chooseDecoder, decodeCbor, decodeMsgPack } from '../../../../src/core/decoders';
import { binary, bytesOf, frame, loadFixture, text } from './fixtures';

const fixture = loadFixture('binary-formats');

describe('MessagePack (frames from @msgpack/msgpack encode)', () => {
  it.each(fixture.frames.filter((f) => f.name.startsWith('msgpack')).map((f) => [f.name, f] as const))(
    '%s decodes to its input',
    (_name, f) => {
      const result = decodeMsgPack(f.payload, {});
      expect(result.error).toBeUndefined();
      const body = result.body instanceof Date ? { at: result.body.toISOString() } : result.body;
      const expected = JSON.parse(JSON.stringify(f.input), (_k, v: unknown) =>
        v && typeof v === 'object' && 'base64' in v ? new Uint8Array(Buffer.from(String(v.base64), 'base64')) : v,
      );
      if (f.name === 'msgpack timestamp ext')
        expect((result.body as { at: Date }).at.toISOString()).toBe('2024-01-02T03:04:05.000Z');
      else expect(body).toEqual(expected);
    },
  );

  it('summarises with a preview and the size', () => {
    expect(decodeMsgPack(frame(fixture, 'msgpack array').payload, {}).summary).toBe(
      '[1,-2,3.25,"x",[true,false]] (17 B)',
    );
  });

  it('is sniffed from content when it is a map or an array', () => {
    expect(chooseDecoder({}, frame(fixture, 'msgpack map').payload).id).toBe('msgpack');
    expect(chooseDecoder({ protocol: 'wamp.2.msgpack' }, frame(fixture, 'msgpack scalar').payload).id).toBe('msgpack');
  });

  it.each([
    [[], 'empty frame'],
    [[0xc1], 'not MessagePack'],
    [[0xdd, 0xff, 0xff, 0xff, 0xff], 'not MessagePack'],
    [[0xdb, 0x7f, 0xff, 0xff, 0xff, 0x61], 'not MessagePack'],
    [[0x92, 0x01], 'not MessagePack'],
    [[0x01, 0x02], 'not MessagePack'],
  ])('malformed %j → %s', (bytes, error) => {
    expect(decodeMsgPack(binary(bytes), {}).error).toContain(error);
  });

  it('says a text frame is not MessagePack', () => {
    expect(decodeMsgPack(text('{}'), {}).error).toContain('binary');
  });
});

describe('CBOR (frames from @levischuck/tiny-cbor encode)', () => {
  it.each(fixture.frames.filter((f) => f.name.startsWith('cbor')).map((f) => [f.name, f] as const))(
    '%s decodes to its input',
    (_name, f) => {
      const result = decodeCbor(f.payload, {});
      expect(result.error).toBeUndefined();
      const body = result.body instanceof Map ? Object.fromEntries(result.body) : result.body;
      const expected = JSON.parse(JSON.stringify(f.input), (_k, v: unknown) =>
        v && typeof v === 'object' && 'base64' in v ? new Uint8Array(Buffer.from(String(v.base64), 'base64')) : v,
      );
      expect(body).toEqual(expected);
    },
  );

  it('reads RFC 8949 Appendix A examples: tags, big integers, sequences', () => {
    expect(decodeCbor(binary([0xc1, 0x1a, 0x51, 0x4b, 0x67, 0xb0]), {}).body).toEqual({ 'tag 1': 1363896240 });
    expect(decodeCbor(binary([0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), {}).body).toBe(
      18446744073709551615n,
    );
    expect(decodeCbor(binary([0x01, 0x02]), {}).body).toEqual([1, 2]);
    expect(decodeCbor(binary([0x01, 0x02]), {}).type).toBe('sequence of 2');
  });

  it('is sniffed from content (map) and from the self-describe tag', () => {
    expect(chooseDecoder({}, frame(fixture, 'cbor map').payload).id).toBe('cbor');
    expect(chooseDecoder({}, binary([0xd9, 0xd9, 0xf7, 0x01])).id).toBe('cbor');
  });

  it.each([
    [[], 'empty frame'],
    [[0x5a, 0xff, 0xff, 0xff, 0xff, 0x00], 'more byte(s)'],
    [[0x9f, 0x01, 0xff], 'not CBOR'], // indefinite length: unsupported by tiny-cbor, reported
    [[0xa1, 0x01], 'not CBOR'],
    [[0x1c], 'not CBOR'],
    [Array(20000).fill(0x81).concat([0x01]), 'not CBOR'],
  ])('malformed %# → %s', (bytes, error) => {
    expect(decodeCbor(binary(bytes), {}).error).toContain(error);
  });

  it('every prefix of every CBOR and MessagePack fixture is an error or a shorter valid value, never a throw', () => {
    for (const f of fixture.frames) {
      const bytes = bytesOf(f.payload);
      for (let end = 0; end < bytes.length; end++) {
        const part = binary(bytes.subarray(0, end));
        expect(decodeCbor(part, {}).decoder).toBe('cbor');
        expect(decodeMsgPack(part, {}).decoder).toBe('msgpack');
      }
    }
  });
});
