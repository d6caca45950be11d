import { describe, expect, it } from 'vitest';
import { buildPayload, formatJson, normaliseBase64, parseHex } from '../../../src/core/composer';
import { createSendHistory } from '../../../src/core/send-history';

describe('composer', () => {
  it('sends text as is and JSON only when valid', () => {
    expect(buildPayload('text', ' {x ')).toEqual({ ok: true, value: { kind: 'text', text: ' {x ' } });
    expect(buildPayload('json', '{"a": 1}')).toEqual({ ok: true, value: { kind: 'text', text: '{"a": 1}' } });
    const bad = buildPayload('json', '{"a": }');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^Invalid JSON: /);
    expect(buildPayload('json', '  ')).toEqual({ ok: false, error: 'Invalid JSON: the message is empty' });
  });

  it('pretty-prints and minifies JSON', () => {
    expect(formatJson('{"a":[1,2]}', true)).toEqual({ ok: true, value: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
    expect(formatJson('{\n "a" : [1, 2] }', false)).toEqual({ ok: true, value: '{"a":[1,2]}' });
    expect(formatJson('nope', true).ok).toBe(false);
  });

  it('reads hex in the usual spellings, exactly', () => {
    for (const input of ['00ff10', '00 ff 10', '0x00, 0xFF, 0x10', '00:ff:10']) {
      const parsed = parseHex(input);
      expect(parsed.ok && [...parsed.value]).toEqual([0, 255, 16]);
    }
    expect(buildPayload('hex', '00 01 02 fe ff')).toEqual({ ok: true, value: { kind: 'binary', base64: 'AAEC/v8=' } });
    expect(buildPayload('hex', '')).toEqual({ ok: true, value: { kind: 'binary', base64: '' } });
    expect(parseHex('0g')).toEqual({ ok: false, error: 'Invalid hex: "g" is not a hex digit' });
    expect(parseHex('abc')).toEqual({ ok: false, error: 'Invalid hex: 3 digits is not a whole number of bytes' });
  });

  it('reads base64 with or without padding, URL-safe too', () => {
    expect(normaliseBase64('AAEC/v8=')).toEqual({ ok: true, value: 'AAEC/v8=' });
    expect(normaliseBase64('AAEC_v8')).toEqual({ ok: true, value: 'AAEC/v8=' });
    expect(normaliseBase64(' AAEC\n/v8 ')).toEqual({ ok: true, value: 'AAEC/v8=' });
    expect(normaliseBase64('AA*')).toEqual({ ok: false, error: 'Invalid base64: "*" is not a base64 character' });
    expect(normaliseBase64('AAECA')).toEqual({ ok: false, error: 'Invalid base64: wrong length or padding' });
    expect(normaliseBase64('AA=A')).toEqual({ ok: false, error: 'Invalid base64: wrong length or padding' });
  });
});

describe('send history', () => {
  it('walks back and forth and returns to the draft', () => {
    const h = createSendHistory(3);
    expect(h.previous('draft')).toBeNull();
    for (const m of ['a', 'b', 'b', 'c', 'd']) h.push(m);
    expect(h.size).toBe(3); // 'a' fell out; the repeated 'b' was kept once
    expect(h.previous('typing')).toBe('d');
    expect(h.previous('d')).toBe('c');
    expect(h.previous('c')).toBe('b');
    expect(h.previous('b')).toBeNull();
    expect(h.next()).toBe('c');
    expect(h.next()).toBe('d');
    expect(h.next()).toBe('typing');
    expect(h.next()).toBeNull();
  });
});
