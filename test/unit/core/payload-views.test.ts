import { describe, expect, it } from 'vitest';
import {
  base64View,
  hexView,
  jsonView,
  payloadHead,
  previewValue,
  scanUtf8,
  textView,
  TRUNCATED_VALUE,
} from '../../../src/core/payload-views';
import type { WirePayload } from '../../../src/protocol';

const bin = (bytes: number[] | Uint8Array): WirePayload => ({
  kind: 'binary',
  base64: Buffer.from(Uint8Array.from(bytes)).toString('base64'),
});
const text = (t: string): WirePayload => ({ kind: 'text', text: t });
const MiB = 1024 * 1024;

describe('textView', () => {
  it('shows valid UTF-8 as text', () => {
    const view = textView(bin([...Buffer.from('héllo 😀')]), 1024);
    expect(view).toMatchObject({
      rendered: 'héllo 😀',
      valid: true,
      invalidCount: 0,
      truncated: false,
      offsetUnit: 'byte',
    });
  });

  it('shows invalid bytes as \\x escapes with their offsets, not U+FFFD', () => {
    const view = textView(bin([0x61, 0x80, 0x62, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x63, 0xf0, 0x9f]), 1024);
    expect(view.rendered).toBe('a\\x80b\\xc3(\\xed\\xa0\\x80c\\xf0\\x9f');
    expect(view.valid).toBe(false);
    expect(
      view.segments.filter((s) => s.kind === 'invalid').map((s) => (s.kind === 'invalid' ? s.offset : -1)),
    ).toEqual([1, 3, 5, 6, 7, 9]);
    expect(view.invalidCount).toBe(6);
  });

  it('matches the browser decoder: one problem per U+FFFD it would write', () => {
    const samples = [
      [0x80],
      [0xe0, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0xc0, 0xaf],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ];
    for (const bytes of samples) {
      const replaced = [...new TextDecoder().decode(Uint8Array.from(bytes))].filter((c) => c === '\ufffd').length;
      const scan = scanUtf8(Uint8Array.from(bytes));
      expect(scan.problemCount + (scan.incompleteTail ? 1 : 0), JSON.stringify(bytes)).toBe(replaced);
    }
  });

  it('does not call a character cut by the limit invalid', () => {
    const view = textView(bin([...Buffer.from('ab😀')]), 4);
    expect(view).toMatchObject({ rendered: 'ab', valid: true, truncated: true });
  });

  it('shows lone surrogates of a text frame as \\u escapes', () => {
    const view = textView(text('a\ud800b\udc00'), 100);
    expect(view.rendered).toBe('a\\uD800b\\uDC00');
    expect(view.offsetUnit).toBe('char');
    expect(view.invalidCount).toBe(2);
    expect(textView(text('😀'), 100).valid).toBe(true);
  });

  it('caps the listed problems of a random blob and keeps going', () => {
    const blob = new Uint8Array(40_000).fill(0xff);
    const view = textView(bin(blob), MiB);
    expect(view.invalidCount).toBe(40_000);
    expect(view.segments.length).toBeLessThanOrEqual(10_001);
  });
});

describe('jsonView', () => {
  it('parses JSON and reports where it fails', () => {
    expect(jsonView(text('{"a":[1,2]}'), 1024)).toEqual({ ok: true, value: { a: [1, 2] } });
    const bad = jsonView(text('{\n  "a": 1,\n}'), 1024);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.position).toMatchObject({ line: 3, column: 1 });
  });

  it('does not parse a frame larger than the limit', () => {
    const result = jsonView(text(`"${'x'.repeat(2 * MiB)}"`), MiB);
    expect(result).toMatchObject({ ok: false, tooLarge: true });
  });

  it('says a binary frame that is not UTF-8 is not JSON', () => {
    expect(jsonView(bin([0x7b, 0xff, 0x7d]), 1024)).toMatchObject({ ok: false, error: 'not valid UTF-8 text' });
  });
});

describe('payloadHead, hexView and base64View read only the first bytes', () => {
  const huge = bin(new Uint8Array(16 * MiB).fill(0x41));

  it('decodes 16 KiB of a 16 MiB binary frame', () => {
    const started = performance.now();
    const head = payloadHead(huge, 16 * 1024);
    expect(performance.now() - started).toBeLessThan(100);
    expect(head).toMatchObject({ totalBytes: 16 * MiB, truncated: true });
    expect(head.bytes.length).toBe(16 * 1024);
  });

  it('encodes only the head of a long text frame', () => {
    const head = payloadHead(text('é'.repeat(MiB)), 10);
    expect(head.bytes.length).toBe(10);
    expect(head.truncated).toBe(true);
  });

  it('hex dumps and base64s the head', () => {
    const hex = hexView(bin([0x68, 0x69, 0x00, 0xff]), 64);
    expect(hex.lines).toEqual(['00000000  68 69 00 ff                                       hi..']);
    expect(hexView(huge, 32)).toMatchObject({ shownBytes: 32, truncated: true, totalBytes: 16 * MiB });
    expect(base64View(bin([1, 2, 3, 4, 5, 6]), 3)).toEqual({ base64: 'AQID', shownBytes: 3, truncated: true });
    expect(base64View(text('hi'), 10)).toEqual({ base64: 'aGk=', shownBytes: 2, truncated: false });
    expect(base64View(bin([1, 2]), 10)).toEqual({ base64: 'AQI=', shownBytes: 2, truncated: false });
  });
});

describe('previewValue', () => {
  it('writes a compact one-line preview of any decoded value', () => {
    expect(previewValue(['hi', { a: 1 }, null, true])).toBe('["hi",{"a":1},null,true]');
    expect(
      previewValue(
        new Map<unknown, unknown>([
          ['k', new Uint8Array(3)],
          [1, 2n],
        ]),
      ),
    ).toBe('{"k":<3 bytes>,1:2n}');
    expect(previewValue({ a: TRUNCATED_VALUE })).toBe('{"a":…}');
    expect(previewValue('line\nbreak')).toBe('"line\\nbreak"');
  });

  it('costs O(maxChars) on huge and deep values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(previewValue(deep, 20)).toBe('[[[[[[[[[[[[[[[[[[[…');
    const wide = Array.from({ length: 1_000_000 }, (_, i) => i);
    const started = performance.now();
    expect(previewValue(wide, 20)).toBe('[0,1,2,3,4,5,6,7,8,…');
    expect(performance.now() - started).toBeLessThan(50);
  });
});
