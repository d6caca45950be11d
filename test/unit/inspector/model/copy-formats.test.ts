import { describe, expect, it } from 'vitest';
import { copyAs, copyAsCode, copyHex, copyJson, copyText } from '../../../../src/inspector/model/copy-formats';
import type { WirePayload } from '../../../../src/protocol';

const text = (t: string): WirePayload => ({ kind: 'text', text: t });
const bin: WirePayload = { kind: 'binary', base64: 'AAECf4D/' };

describe('copy formats', () => {
  it('copy as code reproduces the exact payload when evaluated', () => {
    const sent: unknown[] = [];
    const ws = { send: (x: unknown) => sent.push(x) };
    for (const p of [text('he said "hi"\n\\ </script> \u2028 \ud83d\ude00'), text(''), bin]) {
      // The generated line is JavaScript that the user pastes into a console; run it the same way.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the generated code is the test
      new Function('ws', copyAsCode(p))(ws);
    }
    expect(sent[0]).toBe('he said "hi"\n\\ </script> \u2028 \ud83d\ude00');
    expect(sent[1]).toBe('');
    expect(Array.from(sent[2] as Uint8Array)).toEqual([0, 1, 2, 127, 128, 255]);
    expect(copyAsCode(bin)).toBe('ws.send(Uint8Array.from(atob("AAECf4D/"), (c) => c.charCodeAt(0)));');
    expect(copyAsCode(text('a"b'))).toBe('ws.send("a\\"b");');
  });

  it('copies text, hex and JSON of the whole frame', () => {
    expect(copyText(text('héllo'))).toBe('héllo');
    expect(copyText(bin)).toBe('\u0000\u0001\u0002\u007f\\x80\\xff'); // valid UTF-8 as text, the rest escaped
    expect(copyHex(bin)).toBe('00 01 02 7f 80 ff');
    expect(copyHex(text('é'))).toBe('c3 a9');
    expect(copyJson(text('{"a":[1,2]}'))).toEqual({ ok: true, text: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
    expect(copyJson(text('nope'))).toMatchObject({ ok: false, error: expect.stringMatching(/^Not JSON: /) });
    expect(copyAs('hex', bin)).toEqual({ ok: true, text: '00 01 02 7f 80 ff' });
  });
});
