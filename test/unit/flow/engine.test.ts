import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { echoServer, text, type MemoryServer } from './memory-socket';
import { flowOf, runFake, statuses } from './run-helper';

const connect = { kind: 'connect', url: 'ws://echo.test/' };

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('flow engine: every step kind', () => {
  it('connects with subprotocols and headers, sends, expects, closes', async () => {
    const { report, peers } = await runFake(
      flowOf(
        { kind: 'connect', url: 'ws://echo.test/', protocols: ['chat'], headers: { 'X-Token': 'abc' } },
        { kind: 'send', text: 'hello' },
        { kind: 'expect', text: 'hello' },
        { kind: 'close', code: 4001, reason: 'done' },
      ),
      echoServer,
    );
    expect(report.passed).toBe(true);
    expect(statuses(report)).toEqual(['1 passed', '2 passed', '3 passed', '4 passed']);
    expect(peers[0]?.spec).toEqual({ url: 'ws://echo.test/', protocols: ['chat'], headers: { 'X-Token': 'abc' } });
    expect(peers[0]?.closedByClient).toEqual({ code: 4001, reason: 'done' });
  });

  it('sends JSON as its JSON text and binary from hex and base64', async () => {
    const { report, peers } = await runFake(
      flowOf(
        connect,
        { kind: 'send', json: { a: [1, 'x'] } },
        { kind: 'send', hex: '0x01 ff:10' },
        { kind: 'send', base64: 'AQID' },
        { kind: 'expect', json: { a: [1, 'x'] } },
        { kind: 'expect', hex: '01ff10' },
        { kind: 'expect', base64: 'AQID' },
      ),
      echoServer,
    );
    expect(report.passed).toBe(true);
    expect(peers[0]?.received).toEqual([
      text('{"a":[1,"x"]}'),
      { kind: 'binary', bytes: new Uint8Array([1, 255, 16]) },
      { kind: 'binary', bytes: new Uint8Array([1, 2, 3]) },
    ]);
  });

  it('matches by regex, JSON subset, JSON Schema and JSON path', async () => {
    const server: MemoryServer = (peer) => {
      peer.open();
      peer.send('pong 42');
      peer.send('{"type":"hello","user":{"id":7,"name":"Ann"},"extra":true}');
      peer.send('{"items":[{"id":1},{"id":2}]}');
      peer.send('{"a":{"b":[10,20]},"odd key":"yes"}');
      peer.send('{"a":{"b":[10,20]},"odd key":"yes"}');
    };
    const { report } = await runFake(
      flowOf(
        connect,
        { kind: 'expect', regex: '^PONG \\d+$', flags: 'i' },
        { kind: 'expect', json: { type: 'hello', user: { id: 7 } } },
        {
          kind: 'expect',
          schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', minItems: 2 } } },
        },
        { kind: 'expect', path: '$.a.b[1]', equals: 20 },
        { kind: 'expect', path: "$['odd key']", equals: 'yes' },
      ),
      server,
    );
    expect(report.steps.map((s) => s.failure?.message)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(report.passed).toBe(true);
  });

  it('skipOthers skips messages that do not match; without it the next message must match', async () => {
    const server: MemoryServer = (peer) => {
      peer.open();
      peer.send('noise 1');
      peer.send('noise 2');
      peer.send('wanted');
    };
    const skipping = await runFake(flowOf(connect, { kind: 'expect', text: 'wanted', skipOthers: true }), server);
    expect(skipping.report.passed).toBe(true);
    const strict = await runFake(flowOf(connect, { kind: 'expect', text: 'wanted' }), server);
    expect(strict.report.passed).toBe(false);
    expect(strict.report.steps[1]?.failure?.message).toBe('expected text "wanted"; the next message did not match');
  });

  it('expect-close passes on the expected code and fails on another', async () => {
    const closer: MemoryServer = (peer) => {
      peer.open();
      peer.close(4000, 'bye');
    };
    const good = await runFake(flowOf(connect, { kind: 'expect-close', code: 4000, reason: 'bye' }), closer);
    expect(good.report.passed).toBe(true);
    const bad = await runFake(flowOf(connect, { kind: 'expect-close', code: 1000 }), closer);
    expect(bad.report.steps[1]?.failure?.message).toBe(
      'expected close code 1000; it closed with code 4000 "bye", Application-defined',
    );
  });

  it('expect-none passes on a quiet period and fails on a message within it', async () => {
    const quiet = await runFake(flowOf(connect, { kind: 'expect-none', durationMs: 500 }), echoServer);
    expect(quiet.report.passed).toBe(true);
    expect(quiet.report.steps[1]?.ms).toBe(500);
    const late: MemoryServer = (peer) => {
      peer.open();
      setTimeout(() => peer.send('surprise'), 300);
    };
    const noisy = await runFake(flowOf(connect, { kind: 'expect-none', durationMs: 500 }), late);
    expect(noisy.report.steps[1]?.failure?.message).toBe('expected no message for 500 ms, received text "surprise"');
  });

  it('wait lets time pass, and messages arriving meanwhile wait for the next expect', async () => {
    const slow: MemoryServer = (peer) => {
      peer.open();
      setTimeout(() => peer.send('late'), 200);
    };
    const { report } = await runFake(
      flowOf(connect, { kind: 'wait', ms: 1000 }, { kind: 'expect', text: 'late', timeoutMs: 1 }),
      slow,
    );
    expect(report.passed).toBe(true);
    expect(report.steps[1]?.ms).toBe(1000);
  });

  it('repeat runs its block N times, with {{iteration}}, and reports runs and time', async () => {
    const { report, peers } = await runFake(
      flowOf(connect, {
        kind: 'repeat',
        times: 3,
        steps: [
          { kind: 'send', text: 'n={{iteration}} c={{counter}}' },
          { kind: 'expect', text: 'n={{iteration}} c={{counter}}' },
        ],
      }),
      echoServer,
    );
    expect(report.passed).toBe(true);
    expect(peers[0]?.received.map((f) => (f.kind === 'text' ? f.text : ''))).toEqual(['n=1 c=1', 'n=2 c=2', 'n=3 c=3']);
    expect(report.steps[1]?.steps?.map((s) => [s.number, s.runs])).toEqual([
      ['2.1', 3],
      ['2.2', 3],
    ]);
  });

  it('nested repeats name the failing iteration of each', async () => {
    let n = 0;
    const server: MemoryServer = (peer) => {
      peer.open();
      peer.onMessage((frame) => peer.send(++n === 5 ? 'wrong' : frame));
    };
    const { report } = await runFake(
      flowOf(connect, {
        kind: 'repeat',
        times: 3,
        steps: [
          {
            kind: 'repeat',
            times: 2,
            steps: [
              { kind: 'send', text: 'x' },
              { kind: 'expect', text: 'x' },
            ],
          },
        ],
      }),
      server,
    );
    const inner = report.steps[1]?.steps?.[0];
    expect(inner?.steps?.[1]?.failure?.iterations).toEqual([3, 1]);
    expect(report.steps[1]?.failure?.message).toBe('step 2.1 failed in iteration 3 of 3');
    expect(inner?.failure?.message).toBe('step 2.1.2 failed in iteration 1 of 2');
  });
});

describe('flow engine: variables and extract', () => {
  it('expands {{variables}} from the document, the caller, and built-ins', async () => {
    const { report, peers } = await runFake(
      {
        ...flowOf(
          { kind: 'connect', url: 'ws://{{host}}/', headers: { Authorization: 'Bearer {{token}}' } },
          { kind: 'send', text: '{{greeting}} {{uuid}}' },
          { kind: 'send', json: { who: '{{greeting}}', n: 1 } },
        ),
        variables: { host: 'doc.test', greeting: 'hi', token: 'from-doc' },
      },
      echoServer,
      { variables: { token: 'from-caller' } },
    );
    expect(report.passed).toBe(true);
    expect(peers[0]?.spec.url).toBe('ws://doc.test/');
    expect(peers[0]?.spec.headers).toEqual({ Authorization: 'Bearer from-caller' });
    expect(peers[0]?.received).toEqual([text('hi uuid-1'), text('{"who":"hi","n":1}')]);
  });

  it('an unknown variable fails the step and names it', async () => {
    const { report } = await runFake(flowOf(connect, { kind: 'send', text: 'x {{nope}}' }), echoServer);
    expect(report.steps[1]?.failure?.message).toMatch(/Unknown variable \{\{nope\}\}/);
  });

  it('extracts by JSON path and by regex group into variables later steps use', async () => {
    const server: MemoryServer = (peer) => {
      peer.open();
      peer.send('{"session":{"id":"s-42","n":5}}');
      peer.send('ticket=T-9 seat=12');
      peer.onMessage((frame) => peer.send(frame));
    };
    const { report, peers } = await runFake(
      flowOf(
        connect,
        { kind: 'expect', json: { session: {} } },
        { kind: 'extract', variables: { sid: { path: '$.session.id' }, n: { path: '$.session.n' } } },
        { kind: 'expect', regex: 'ticket=' },
        {
          kind: 'extract',
          variables: { ticket: { regex: 'ticket=(\\S+)' }, seat: { regex: 'seat=(?<s>\\d+)', group: 's' } },
        },
        { kind: 'send', text: '{{sid}}/{{n}}/{{ticket}}/{{seat}}' },
        { kind: 'expect', text: '{{sid}}/{{n}}/{{ticket}}/{{seat}}' },
      ),
      server,
    );
    expect(report.passed).toBe(true);
    expect(peers[0]?.received).toEqual([text('s-42/5/T-9/12')]);
  });

  it('extract without a matched message, or with a path that is absent, fails and says why', async () => {
    const none = await runFake(flowOf(connect, { kind: 'extract', variables: { a: { path: '$.a' } } }), echoServer);
    expect(none.report.steps[1]?.failure?.message).toBe('no message to extract from: an expect must match one first');
    const absent = await runFake(
      flowOf(
        connect,
        { kind: 'send', json: { b: 1 } },
        { kind: 'expect', json: {} },
        { kind: 'extract', variables: { a: { path: '$.a.c' } } },
      ),
      echoServer,
    );
    expect(absent.report.steps[3]?.failure?.message).toBe('a: $.a.c is not in the matched message (it has $)');
  });
});
