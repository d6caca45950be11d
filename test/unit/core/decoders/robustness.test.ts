import { afterEach, describe, expect, it } from 'vitest';
import { DECODERS, type DecodeResult } from '../../../../src/core/decoders';
import type { WirePayload } from '../../../../src/protocol';
import { binary, bytesOf, FIXTURE_NAMES, loadFixture, text } from './fixtures';

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Problems found, checked in plain code (hundreds of thousands of results; expect() per check is slow). */
const problems: string[] = [];

function checkResult(result: DecodeResult, what: string) {
  if (typeof result.summary !== 'string' || result.summary.length > 200)
    problems.push(`${what}: summary ${JSON.stringify(result.summary)}`);
  // The safety net in neverThrows() must not have been needed.
  if (result.error?.startsWith('decoder failed')) problems.push(`${what}: ${result.error}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(result.summary))
    problems.push(`${what}: control character in ${JSON.stringify(result.summary)}`);
  for (const part of result.parts ?? []) checkResult(part, `${what} part`);
}

afterEach(() => {
  const found = problems.splice(0);
  expect(found.slice(0, 10)).toEqual([]);
});

const allFrames = FIXTURE_NAMES.flatMap((name) => loadFixture(name).frames);

describe('every decoder on every input', () => {
  it('never throws on any fixture frame of any protocol', () => {
    for (const f of allFrames) {
      for (const decoder of DECODERS)
        checkResult(decoder.decode(f.payload, { direction: f.direction }), `${decoder.id} on ${f.name}`);
    }
  });

  it('never throws on truncated variants of every fixture frame', () => {
    for (const f of allFrames) {
      const bytes = bytesOf(f.payload);
      const step = Math.max(1, Math.floor(bytes.length / 40));
      for (let end = 0; end < bytes.length; end += step) {
        const cut: WirePayload =
          f.payload.kind === 'text' ? text(f.payload.text.slice(0, end)) : binary(bytes.subarray(0, end));
        for (const decoder of DECODERS) {
          checkResult(decoder.decode(cut, {}), `${decoder.id} on ${f.name}[0, ${end})`);
          checkResult(decoder.decode(f.payload, { maxBytes: end }), `${decoder.id} on ${f.name} maxBytes ${end}`);
        }
      }
    }
  });

  it('never throws on empty, garbage and lying-length inputs', () => {
    const inputs: WirePayload[] = [
      text(''),
      binary([]),
      text('\u0000\u0001\u0002'),
      text('\ud800'),
      text('{'.repeat(100_000)),
      text('['.repeat(50_000) + ']'.repeat(50_000)),
      text(`a[${'"x",'.repeat(1000)}`),
      text('42'.repeat(10_000)),
      text('SEND\ncontent-length:99999999999999999999\n\n\0'),
      binary([0x30, 0xff, 0xff, 0xff, 0x7f]),
      binary([0xdd, 0xff, 0xff, 0xff, 0xff]),
      binary([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      binary([0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      binary(Array(10_000).fill(0x91).concat([0x01])),
      { kind: 'binary', base64: '!!!not base64' },
    ];
    for (const payload of inputs)
      for (const decoder of DECODERS)
        checkResult(decoder.decode(payload, {}), `${decoder.id} on ${JSON.stringify(payload).slice(0, 60)}`);
  });

  it('fuzz: random bytes and random strings through every decoder', () => {
    const next = random(0x5eed);
    const alphabet = '{}[]":,0123456789abcdefghijklmnopqrstuvwxyzSENDCONNECT\n\r\0\x1e-/#_ é😀\\';
    for (let round = 0; round < 400; round++) {
      const length = Math.floor(next() * 64);
      const bytes = Array.from({ length }, () => Math.floor(next() * 256));
      const chars = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      for (const decoder of DECODERS) {
        checkResult(decoder.decode(binary(bytes), {}), `${decoder.id} on bytes ${JSON.stringify(bytes)}`);
        checkResult(
          decoder.decode(text(chars), { direction: round % 2 ? 'in' : 'out' }),
          `${decoder.id} on ${JSON.stringify(chars)}`,
        );
      }
    }
  });

  it('fuzz: single-byte mutations of real frames', () => {
    const next = random(42);
    for (const f of allFrames) {
      const bytes = bytesOf(f.payload);
      if (bytes.length === 0) continue;
      for (let round = 0; round < 5; round++) {
        const mutated = Uint8Array.from(bytes);
        mutated[Math.floor(next() * mutated.length)] = Math.floor(next() * 256);
        const payload = f.payload.kind === 'text' ? text(new TextDecoder().decode(mutated)) : binary(mutated);
        for (const decoder of DECODERS)
          checkResult(decoder.decode(payload, f.context ?? {}), `${decoder.id} on mutated ${f.name}`);
      }
    }
  });
});
