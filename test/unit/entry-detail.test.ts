import { describe, expect, it } from 'vitest';
import { renderDetail, shownDetail } from '../../src/popup/entry-detail';
import type { SocketEvent } from '../../src/protocol';

const frame = (payload: Extract<SocketEvent, { type: 'frame' }>['payload']): SocketEvent => ({
  type: 'frame',
  socketId: 'c',
  time: 0,
  direction: 'in',
  payload,
});

describe('entry detail', () => {
  it('shows a text frame as text, pretty JSON, hex dump and base64', () => {
    const e = frame({ kind: 'text', text: '{"a":[1,"é"]}' });
    expect(renderDetail(e, 'text')).toBe('{"a":[1,"é"]}');
    expect(renderDetail(e, 'json')).toBe('{\n  "a": [\n    1,\n    "é"\n  ]\n}');
    expect(renderDetail(e, 'hex')).toBe(
      '00000000  7b 22 61 22 3a 5b 31 2c  22 c3 a9 22 5d 7d        {"a":[1,"..\"]}'.replace('..\\"', '.."'),
    );
    expect(renderDetail(e, 'base64')).toBe('eyJhIjpbMSwiw6kiXX0=');
  });
  it('shows binary exactly and says when a frame is not JSON', () => {
    const e = frame({ kind: 'binary', base64: 'AAH/' });
    expect(renderDetail(e, 'hex')).toBe('00000000  00 01 ff                                          ...');
    expect(renderDetail(e, 'base64')).toBe('AAH/');
    expect(renderDetail(frame({ kind: 'text', text: 'nope' }), 'json')).toMatch(/^Not JSON: /);
  });
  it('explains close codes', () => {
    const e: SocketEvent = { type: 'close', socketId: 'c', time: 0, code: 1006, reason: '', wasClean: false };
    expect(renderDetail(e, 'text')).toBe(
      'Close code 1006: Abnormal closure (no close frame: refused, dropped or failed handshake)\nReason: (none)\nwasClean: false',
    );
  });
  it('shows the first bytes of a large frame as text or base64, and copies all of it', () => {
    // 4 bytes "éé" + 2 more: a limit of 3 cuts the second "é" in half, which is held back.
    const e = frame({ kind: 'binary', base64: Buffer.from('ééab').toString('base64') });
    expect(shownDetail(e, 'text', 3)).toEqual({ text: 'é', truncated: true });
    expect(shownDetail(e, 'base64', 3)).toEqual({ text: 'w6nD', truncated: true }); // c3 a9 c3
    expect(shownDetail(e, 'text', 6)).toEqual({ text: 'ééab', truncated: false });
    expect(shownDetail(frame({ kind: 'text', text: 'abcdef' }), 'text', 4)).toEqual({ text: 'abcd', truncated: true });
    expect(shownDetail(frame({ kind: 'text', text: 'abcdef' }), 'base64', 4)).toEqual({
      text: 'YWJjZA==',
      truncated: true,
    });
    expect(shownDetail(frame({ kind: 'text', text: 'x'.repeat(100) }), 'hex', 4).truncated).toBe(false);
    expect(renderDetail(e, 'text')).toBe('ééab');
  });
  it('dumps the first 64 KiB of a large frame in hex, and says how many bytes are left, text or binary', () => {
    const bytes = new Uint8Array(64 * 1024 + 10).map((_, i) => (i * 7) & 0xff);
    const binary = renderDetail(frame({ kind: 'binary', base64: Buffer.from(bytes).toString('base64') }), 'hex');
    const lines = binary.split('\n');
    expect(lines).toHaveLength((64 * 1024) / 16 + 1);
    expect(lines[0]).toBe('00000000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  .....#*18?FMT[bi');
    expect(lines.at(-2)).toMatch(/^0000fff0 {2}/);
    expect(lines.at(-1)).toBe('… 10 more bytes');
    // Text goes as UTF-8: 'é' is two bytes, so 40,000 of them are 80,000 bytes.
    const text = renderDetail(frame({ kind: 'text', text: 'é'.repeat(40_000) }), 'hex').split('\n');
    expect(text[0]).toBe('00000000  c3 a9 c3 a9 c3 a9 c3 a9  c3 a9 c3 a9 c3 a9 c3 a9  ................');
    expect(text.at(-1)).toBe(`… ${80_000 - 64 * 1024} more bytes`);
    expect(renderDetail(frame({ kind: 'binary', base64: '' }), 'hex')).toBe('');
  });
});
