import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromLog, loadFlow } from '../../../src/flow';
import type { FrameMark, SocketEvent } from '../../../src/protocol';
import { echoServer } from './memory-socket';
import { runFake } from './run-helper';

const id = 's1';
let time = 0;
const created = (url = 'ws://echo.test/', protocols: string[] = []): SocketEvent => ({
  type: 'created',
  socketId: id,
  time: ++time,
  url,
  protocols,
  frameUrl: '',
});
const open: SocketEvent = { type: 'open', socketId: id, time: 2, protocol: '', extensions: '' };
const frame = (direction: 'in' | 'out', payload: string | Uint8Array, mark?: FrameMark): SocketEvent => ({
  type: 'frame',
  socketId: id,
  time: ++time,
  direction,
  payload:
    typeof payload === 'string'
      ? { kind: 'text', text: payload }
      : { kind: 'binary', base64: Buffer.from(payload).toString('base64') },
  ...(mark ? { mark } : {}),
});
const close = (code: number): SocketEvent => ({
  type: 'close',
  socketId: id,
  time: ++time,
  code,
  reason: '',
  wasClean: true,
});

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('fromLog (Save as flow)', () => {
  it('turns sends into send steps and receives into editable expects', () => {
    const result = fromLog(
      [
        created('ws://echo.test/', ['chat']),
        open,
        frame('out', '{"op":"hi"}'),
        frame('in', '{"op":"hi","n":1}'),
        frame('out', 'plain'),
        frame('in', 'plain'),
        frame('in', '42'),
        frame('out', new Uint8Array([1, 2])),
        frame('in', new Uint8Array([1, 2])),
        close(1000),
      ],
      { name: 'saved' },
    );
    expect(result).toEqual({
      ok: true,
      truncated: 0,
      flow: {
        version: 1,
        name: 'saved',
        steps: [
          { kind: 'connect', url: 'ws://echo.test/', protocols: ['chat'] },
          { kind: 'send', text: '{"op":"hi"}' },
          { kind: 'expect', json: { op: 'hi', n: 1 } },
          { kind: 'send', text: 'plain' },
          { kind: 'expect', text: 'plain' },
          { kind: 'expect', text: '42' },
          { kind: 'send', hex: '01 02' },
          { kind: 'expect', hex: '01 02' },
          { kind: 'close' },
        ],
      },
    });
    expect(result.ok && loadFlow(result.flow).ok).toBe(true);
  });

  it('a flow saved from an echo log passes when run again', async () => {
    const result = fromLog([
      created(),
      open,
      frame('out', 'a'),
      frame('in', 'a'),
      frame('out', '{"x":[1]}'),
      frame('in', '{"x":[1]}'),
      close(1005),
    ]);
    if (!result.ok) throw new Error(result.error);
    const { report } = await runFake(result.flow, echoServer);
    expect(report.passed).toBe(true);
  });

  it('leaves out frames the extension faked or blocked, and expects a server close code', () => {
    const result = fromLog([
      created(),
      frame('in', 'fake', { kind: 'fake' }),
      frame('out', 'blocked', { kind: 'blocked', ruleId: 'r' }),
      frame('in', 'real'),
      close(4000),
    ]);
    expect(result.ok && result.flow.steps.slice(1)).toEqual([
      { kind: 'expect', text: 'real' },
      { kind: 'expect-close', code: 4000 },
    ]);
  });

  it('uses large binary as base64, other sockets are ignored, reconnects become connects', () => {
    const big = new Uint8Array(300).fill(7);
    const other: SocketEvent = { ...frame('out', 'other'), socketId: 's2' };
    const result = fromLog([created(), frame('out', big), other, close(1006), created('ws://two.test/')]);
    expect(result.ok && result.flow.steps).toEqual([
      { kind: 'connect', url: 'ws://echo.test/' },
      { kind: 'send', base64: Buffer.from(big).toString('base64') },
      { kind: 'expect-close', code: 1006 },
      { kind: 'connect', url: 'ws://two.test/' },
      { kind: 'close' },
    ]);
  });

  it('needs a url when the log never saw the socket created, and says when nothing is there', () => {
    expect(fromLog([frame('out', 'x')])).toEqual({
      ok: false,
      error: 'the log does not say where the socket connected: pass a url',
    });
    expect(fromLog([frame('out', 'x')], { url: 'ws://late.test/', headers: { A: 'b' } })).toMatchObject({
      ok: true,
      flow: {
        steps: [
          { kind: 'connect', url: 'ws://late.test/', headers: { A: 'b' } },
          { kind: 'send', text: 'x' },
          { kind: 'close' },
        ],
      },
    });
    expect(fromLog([])).toEqual({ ok: false, error: 'the log has no events of that socket' });
  });

  it('stops at the step limit and counts what it left out', () => {
    const frames = Array.from({ length: 10_050 }, (_, i) => frame('out', `m${i}`));
    const result = fromLog([created(), ...frames]);
    expect(result.ok && [result.flow.steps.length, result.truncated]).toEqual([10_000, 52]);
    expect(result.ok && loadFlow(result.flow).ok).toBe(true);
  });
});
