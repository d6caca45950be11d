import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlowEngine, formatReport, loadFlowOrThrow } from '../../../src/flow';
import { createMemoryConnector, echoServer, type MemoryServer } from './memory-socket';
import { flowOf, runFake, statuses } from './run-helper';

const connect = { kind: 'connect', url: 'ws://echo.test/' };

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const sends =
  (...messages: string[]): MemoryServer =>
  (peer) => {
    peer.open();
    for (const message of messages) peer.send(message);
  };

describe('flow engine: failures and their reports', () => {
  it('stops at the first failure, skips the rest, and closes the connection', async () => {
    const { report, peers } = await runFake(
      flowOf(connect, { kind: 'send', text: 'a' }, { kind: 'expect', text: 'b' }, { kind: 'send', text: 'c' }),
      echoServer,
    );
    expect(report.passed).toBe(false);
    expect(statuses(report)).toEqual(['1 passed', '2 passed', '3 failed', '4 skipped']);
    expect(report.counts).toEqual({ passed: 2, failed: 1, skipped: 1 });
    expect(peers[0]?.closedByClient).toEqual({ code: 1000, reason: '' });
  });

  it('a failed text expect shows the closest message and where it differs', async () => {
    const { report } = await runFake(
      flowOf(connect, { kind: 'expect', text: 'hello world', skipOthers: true, timeoutMs: 1000 }),
      sends('zzz', 'hello wordl', 'hello'),
    );
    const failure = report.steps[1]?.failure;
    expect(failure?.message).toBe('timed out after 1000 ms waiting for text "hello world"');
    expect(failure?.details).toEqual([
      'the closest of 3 messages received (number 2): text "hello wordl"',
      'first difference at character 9:',
      '  expected "hello world"',
      '  received "hello wordl"',
    ]);
    expect(report.steps[1]?.ms).toBe(1000);
  });

  it('a failed JSON subset expect lists the differences by path', async () => {
    const { report } = await runFake(
      flowOf(connect, { kind: 'expect', json: { type: 'pong', data: { id: 1, tags: ['a'] } } }),
      sends('{"type":"ping","data":{"tags":["a","b"]}}'),
    );
    expect(report.steps[1]?.failure?.details).toEqual([
      'the only message received: text "{\\"type\\":\\"ping\\",\\"data\\":{\\"tags\\":[\\"a\\",\\"b\\"]}}"',
      '$.type: expected "pong", got "ping"',
      '$.data.id: missing (expected 1)',
      '$.data.tags: expected 1 items, got 2',
    ]);
  });

  it('JSON Schema, JSON path and binary misses explain themselves', async () => {
    const schema = await runFake(
      flowOf(connect, { kind: 'expect', schema: { type: 'object', properties: { n: { type: 'integer' } } } }),
      sends('{"n":"7"}'),
    );
    expect(schema.report.steps[1]?.failure?.details.join('\n')).toMatch(/\$\.n: .*integer/);
    const path = await runFake(flowOf(connect, { kind: 'expect', path: '$.a.b', equals: 2 }), sends('{"a":{"c":1}}'));
    expect(path.report.steps[1]?.failure?.details[1]).toBe(
      '$.a.b: not found (the message has $.a but nothing under it)',
    );
    const bytes = await runFake(flowOf(connect, { kind: 'expect', hex: '01 02 03' }), (peer) => {
      peer.open();
      peer.send({ kind: 'binary', bytes: new Uint8Array([1, 2, 4, 5]) });
    });
    expect(bytes.report.steps[1]?.failure?.details).toEqual([
      'the only message received: binary 01 02 04 05',
      'first difference at byte 2:',
      '  expected 01 02 03',
      '  received 01 02 04 05',
      '  lengths: expected 3 bytes, received 4',
    ]);
    const kind = await runFake(flowOf(connect, { kind: 'expect', hex: '01' }), sends('01'));
    expect(kind.report.steps[1]?.failure?.details[1]).toBe('expected a binary message, received text "01"');
  });

  it('a timed-out expect says what it waited for and that nothing came', async () => {
    const { report } = await runFake(flowOf(connect, { kind: 'expect', regex: '^ok$' }), echoServer);
    expect(report.steps[1]?.failure).toEqual({
      message: 'timed out after 5000 ms waiting for text matching /^ok$/',
      details: ['no message was received'],
      iterations: [],
    });
  });

  it('the flow-level timeoutMs is the default of each step', async () => {
    const { report } = await runFake({ ...flowOf(connect, { kind: 'expect', text: 'x' }), timeoutMs: 250 }, echoServer);
    expect(report.steps[1]?.failure?.message).toBe('timed out after 250 ms waiting for text "x"');
  });

  it('a server close mid-flow fails the waiting step with the close code', async () => {
    const server: MemoryServer = (peer) => {
      peer.open();
      setTimeout(() => peer.close(4000, 'bye'), 100);
    };
    const { report } = await runFake(
      flowOf(connect, { kind: 'expect', text: 'x' }, { kind: 'send', text: 'y' }),
      server,
    );
    expect(report.steps[1]?.failure?.message).toBe(
      'the server closed the connection (code 4000 "bye", Application-defined) while waiting for text "x"',
    );
    const later = await runFake(flowOf(connect, { kind: 'wait', ms: 200 }, { kind: 'send', text: 'y' }), server);
    expect(later.report.steps[2]?.failure?.message).toBe(
      'the server closed the connection earlier (code 4000 "bye", Application-defined)',
    );
  });

  it('a refused or silent connect fails with what happened', async () => {
    const refused = await runFake(flowOf(connect), (peer) => peer.fail('HTTP 403'));
    expect(refused.report.steps[0]?.failure?.message).toBe(
      'the connection to ws://echo.test/ failed: code 1006, Abnormal closure (no close frame: refused, dropped or failed handshake); HTTP 403',
    );
    const silent = await runFake(flowOf({ ...connect, timeoutMs: 300 }), () => {});
    expect(silent.report.steps[0]?.failure?.message).toBe('no answer from ws://echo.test/ in 300 ms');
  });

  it('steps that need a connection say so', async () => {
    const { report } = await runFake(flowOf({ kind: 'send', text: 'x' }), echoServer);
    expect(report.steps[0]?.failure?.message).toBe('not connected: add a connect step first');
    const twice = await runFake(flowOf(connect, connect), echoServer);
    expect(twice.report.steps[1]?.failure?.message).toMatch(/already connected/);
  });

  it('a flood while the flow waits is bounded: dropped messages are counted in the report', async () => {
    const flood: MemoryServer = (peer) => {
      peer.open();
      for (let i = 0; i < 200; i++) peer.send(`m${i}`);
    };
    const { report } = await runFake(
      flowOf(connect, { kind: 'wait', ms: 10 }, { kind: 'expect', text: 'never', skipOthers: true, timeoutMs: 50 }),
      flood,
    );
    expect(report.steps[2]?.failure?.details).toContain('150 messages were dropped unread (more than 50 were waiting)');
    expect(report.steps[2]?.failure?.details[0]).toMatch(/^the closest of 50 messages received/);
  });

  it('stopping a run fails the current step as stopped', async () => {
    const engine = createFlowEngine({ connector: createMemoryConnector(echoServer) });
    const controller = new AbortController();
    const running = engine.run(loadFlowOrThrow(flowOf(connect, { kind: 'wait', ms: 60_000 })), {
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const report = await running;
    expect(report.steps[1]?.failure?.message).toBe('stopped');
  });

  it('the human report is readable and escapes what the server sent', async () => {
    const { report } = await runFake(
      flowOf(connect, { kind: 'expect', text: 'ok' }),
      sends('\u001b[2Jgotcha\nFAKE PASS'),
    );
    const lines = formatReport(report);
    expect(lines[0]).toBe('Flow "test"');
    expect(lines[1]).toMatch(/^ {2}PASS 1 connect ws:\/\/echo\.test\/ \d/);
    expect(lines[2]).toMatch(/^ {2}FAIL 2 expect text "ok"/);
    expect(lines.join('\n')).not.toContain('\u001b');
    expect(lines.join('\n')).not.toContain('\nFAKE');
    expect(lines.join('\n')).toContain('\\u001b[2Jgotcha\\nFAKE PASS');
    expect(lines.at(-1)).toMatch(/^FAILED: 1 passed, 1 failed, 0 skipped in/);
  });
});
