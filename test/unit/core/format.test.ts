import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, makeVisible, payloadByteLength, previewPayload } from '../../../src/core/format';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1024 * 1024 - 1, '1024.0 KiB'],
    [1024 * 1024, '1.0 MiB'],
    [256 * 1024 * 1024, '256.0 MiB'],
  ])('%i → %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});

describe('formatClock', () => {
  it('shows local time with milliseconds', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5, 67).getTime();
    expect(formatClock(t)).toBe('03:04:05.067');
  });
});

describe('payloadByteLength', () => {
  it('counts UTF-8 bytes of text and decoded bytes of binary', () => {
    expect(payloadByteLength({ kind: 'text', text: '' })).toBe(0);
    expect(payloadByteLength({ kind: 'text', text: 'héllo😀' })).toBe(10);
    expect(payloadByteLength({ kind: 'binary', base64: '' })).toBe(0);
    expect(payloadByteLength({ kind: 'binary', base64: b64([1]) })).toBe(1);
    expect(payloadByteLength({ kind: 'binary', base64: b64(Array(1000).fill(7)) })).toBe(1000);
  });
});

describe('previewPayload', () => {
  it('returns short text as is and truncates long text with …', () => {
    expect(previewPayload({ kind: 'text', text: 'hello' })).toBe('hello');
    expect(previewPayload({ kind: 'text', text: 'x'.repeat(200) })).toBe('x'.repeat(200));
    expect(previewPayload({ kind: 'text', text: 'x'.repeat(201) })).toBe('x'.repeat(200) + '…');
    expect(previewPayload({ kind: 'text', text: 'abcdef' }, 3)).toBe('abc…');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(previewPayload({ kind: 'text', text: 'a😀b' }, 2)).toBe('a…');
    expect(previewPayload({ kind: 'text', text: 'a😀b' }, 3)).toBe('a😀…');
  });

  it('returns hostile markup verbatim, as text', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(previewPayload({ kind: 'text', text })).toBe(text);
  });

  it('shows binary as hex, with … past 48 bytes', () => {
    expect(previewPayload({ kind: 'binary', base64: '' })).toBe('');
    expect(previewPayload({ kind: 'binary', base64: b64([0, 1, 0xab, 0xff]) })).toBe('00 01 ab ff');
    const bytes48 = Array.from({ length: 48 }, (_, i) => i);
    const hex48 = bytes48.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(previewPayload({ kind: 'binary', base64: b64(bytes48) })).toBe(hex48);
    expect(previewPayload({ kind: 'binary', base64: b64([...bytes48, 48]) })).toBe(hex48 + ' …');
    expect(previewPayload({ kind: 'binary', base64: b64(Array(100_000).fill(0x41)) })).toBe(
      Array(48).fill('41').join(' ') + ' …',
    );
  });

  it('makes control characters visible in text previews', () => {
    expect(previewPayload({ kind: 'text', text: 'a\nb\tc\r' })).toBe('a␊b␉c␍');
  });
});

describe('makeVisible', () => {
  it.each([
    ['newline, tab, NUL, ESC', 'a\nb\t\u0000\u001b', 'a␊b␉␀␛'],
    ['DEL and C1', '\u007f\u0085\u009f', '\\u{7f}\\u{85}\\u{9f}'],
    ['RTL override', 'abc\u202Etxt.exe', 'abc\\u{202e}txt.exe'],
    [
      'bidi embeddings and isolates',
      '\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069',
      '\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{2066}\\u{2067}\\u{2068}\\u{2069}',
    ],
    ['LRM, RLM, Arabic letter mark', '\u200e\u200f\u061c', '\\u{200e}\\u{200f}\\u{61c}'],
    [
      'zero-width space, joiners, word joiner, BOM',
      'a\u200bb\u200c\u200d\u2060\ufeff',
      'a\\u{200b}b\\u{200c}\\u{200d}\\u{2060}\\u{feff}',
    ],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u{2028}b\\u{2029}c'],
    ['ordinary text untouched', 'héllo wörld 😀 中文 <b>&amp;', 'héllo wörld 😀 中文 <b>&amp;'],
  ])('%s', (_name, input, output) => {
    expect(makeVisible(input)).toBe(output);
  });
});
