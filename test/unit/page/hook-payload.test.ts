import { describe, expect, it } from 'vitest';
import { toSocketEvent } from '../../../src/background/hook-events';
import { rulesForSockets, toHookCommand, toPageData } from '../../../src/page/hook-payload';
import type { FrameRule } from '../../../src/protocol';

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
  it('round-trips binary payloads between wire and page data', () => {
    const data = toPageData({ kind: 'binary', base64: 'AAEC/w==' });
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(data as ArrayBuffer)]).toEqual([0, 1, 2, 255]);
    expect(toSocketEvent(['frame', 's', 1, 'in', data])).toMatchObject({
      payload: { kind: 'binary', base64: 'AAEC/w==' },
    });
    expect(toPageData({ kind: 'text', text: 'x' })).toBe('x');
  });

  it('gives a fake its socket origin, and refuses a socket this frame does not know', () => {
    const urls = new Map([['s.1', 'wss://example.test:8443/feed?x=1']]);
    expect(
      toHookCommand({ type: 'fake-incoming', socketId: 's.1', payload: { kind: 'text', text: 'f' } }, urls),
    ).toEqual({
      type: 'fake-incoming',
      socketId: 's.1',
      data: 'f',
      origin: 'wss://example.test:8443',
    });
    expect(
      toHookCommand({ type: 'fake-incoming', socketId: 's.2', payload: { kind: 'text', text: 'f' } }, urls),
    ).toBeNull();
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
