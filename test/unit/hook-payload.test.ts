import { describe, expect, it } from 'vitest';
import { toSocketEvent, toSocketEvents } from '../../src/core/relay-events';
import { readRelayEvent, rulesForSockets, toHookCommand, toPageData, toRelayEvent } from '../../src/page/hook-payload';
import { isRelayEvent, type FrameRule, type HookEvent } from '../../src/protocol';

const rule = (over: Partial<FrameRule>): FrameRule => ({
  id: 'r',
  enabled: true,
  direction: 'both',
  urlContains: '',
  pattern: '',
  action: { type: 'block' },
  ...over,
});

describe('hook payloads and commands (relay side)', () => {
  it('forwards hook tuples raw, reading Blobs and trimming stacks, and the background turns them into socket events', async () => {
    const stack = 'Error\n    at Object.construct (chrome-extension://abc/hook.js:1:2)\n    at connect (http://h/app.js:10:5)';
    const created = await readRelayEvent(['created', 's.0', 1.5, 'ws://h/', ['a'], 'http://h/', stack]);
    expect(created).toEqual(['created', 's.0', 1.5, 'ws://h/', ['a'], 'http://h/', '    at connect (http://h/app.js:10:5)']);
    expect(toSocketEvent(created)).toEqual({
      type: 'created',
      socketId: 's.0',
      time: 1.5,
      url: 'ws://h/',
      protocols: ['a'],
      frameUrl: 'http://h/',
      initiator: '    at connect (http://h/app.js:10:5)',
    });
    expect(toSocketEvent(await readRelayEvent(['error', 's.0', 2, true]))).toEqual({ type: 'error', socketId: 's.0', time: 2, message: 'Simulated error (from the panel)' });
    expect(toSocketEvent(await readRelayEvent(['close', 's.0', 3, 4001, 'bye', false]))).toEqual({ type: 'close', socketId: 's.0', time: 3, code: 4001, reason: 'bye', wasClean: false });
    const blob = new Blob([new Uint8Array([0, 255, 16])]);
    const replaced = await readRelayEvent(['frame', 's.0', 4, 'in', blob, { kind: 'replaced', ruleId: 'r', original: new Blob(['old']) }]);
    expect([...new Uint8Array(replaced[4] as ArrayBuffer)]).toEqual([0, 255, 16]);
    expect(toSocketEvent(replaced)).toEqual({
      type: 'frame',
      socketId: 's.0',
      time: 4,
      direction: 'in',
      payload: { kind: 'binary', base64: 'AP8Q' },
      mark: { kind: 'replaced', ruleId: 'r', original: { kind: 'binary', base64: 'b2xk' } },
    });
    const text: HookEvent = ['frame', 's.0', 5, 'out', 'hi', undefined];
    expect(toRelayEvent(text)).toBe(text);
    expect(toSocketEvents([toRelayEvent(text)])).toEqual([{ type: 'frame', socketId: 's.0', time: 5, direction: 'out', payload: { kind: 'text', text: 'hi' } }]);
  });

  it('cuts a creation stack to the protocol limit, however deep the page made it', () => {
    const deep = 'Error\n' + Array.from({ length: 5_000 }, (_, i) => `    at f${i} (http://h/app.js:${i}:1)`).join('\n');
    const event = toRelayEvent(['created', 's.0', 1, 'ws://h/', [], 'http://h/', deep]);
    expect(isRelayEvent(event)).toBe(true);
    expect((event[6] as string).split('\n')).toHaveLength(30);
  });

  it('round-trips binary payloads between wire and page data', () => {
    const data = toPageData({ kind: 'binary', base64: 'AAEC/w==' });
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(data as ArrayBuffer)]).toEqual([0, 1, 2, 255]);
    expect(toSocketEvent(['frame', 's', 1, 'in', data])).toMatchObject({ payload: { kind: 'binary', base64: 'AAEC/w==' } });
    expect(toPageData({ kind: 'text', text: 'x' })).toBe('x');
  });

  it('gives a fake its socket origin, and refuses a socket this frame does not know', () => {
    const urls = new Map([['s.1', 'wss://example.test:8443/feed?x=1']]);
    expect(toHookCommand({ type: 'fake-incoming', socketId: 's.1', payload: { kind: 'text', text: 'f' } }, urls)).toEqual({
      type: 'fake-incoming',
      socketId: 's.1',
      data: 'f',
      origin: 'wss://example.test:8443',
    });
    expect(toHookCommand({ type: 'fake-incoming', socketId: 's.2', payload: { kind: 'text', text: 'f' } }, urls)).toBeNull();
  });

  it('compiles enabled rules per socket by URL and direction', () => {
    const urls = new Map([
      ['s.1', 'ws://h/chat'],
      ['s.2', 'ws://h/feed'],
    ]);
    const rules = [
      rule({ id: 'in-chat', direction: 'in', urlContains: 'chat', pattern: 'a(b)' }),
      rule({ id: 'both', direction: 'both' }),
      rule({ id: 'off', enabled: false }),
      rule({ id: 'out-feed', direction: 'out', urlContains: 'feed' }),
    ];
    const compiled = rulesForSockets(rules, urls);
    const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);
    expect(ids(compiled['s.1']!.in)).toEqual(['in-chat', 'both']);
    expect(ids(compiled['s.1']!.out)).toEqual(['both']);
    expect(ids(compiled['s.2']!.in)).toEqual(['both']);
    expect(ids(compiled['s.2']!.out)).toEqual(['both', 'out-feed']);
    expect(compiled['s.1']!.in[0]!.regex?.flags).toBe('g');
    expect(compiled['s.1']!.in[1]!.regex).toBeNull();
    expect(rulesForSockets([rule({ enabled: false })], urls)).toEqual({});
  });
});
