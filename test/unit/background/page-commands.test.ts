import { describe, expect, it } from 'vitest';
import { createPageCommandRouter, type RelayChannel } from '../../../src/background/page-commands';
import { createMemoryChannelPair } from '../../../src/core/channel';
import type { BackgroundToRelay, FrameRule, RelayCapture, SocketEvent } from '../../../src/protocol';

const settle = () => new Promise((r) => setTimeout(r, 0));
const created = (socketId: string): SocketEvent => ({
  type: 'created',
  socketId,
  time: 1,
  url: 'ws://x/',
  protocols: [],
  frameUrl: 'http://x/',
});
const rule: FrameRule = {
  id: 'r1',
  enabled: true,
  direction: 'in',
  urlContains: '',
  pattern: 'a',
  action: { type: 'block' },
};

function relay() {
  const [background, page] = createMemoryChannelPair<BackgroundToRelay, RelayCapture>();
  const received: BackgroundToRelay[] = [];
  page.onMessage((m) => received.push(m));
  return { channel: background satisfies RelayChannel, page, received };
}

describe('page command router', () => {
  it('sends a socket command to the relay that reported the socket, and only there', async () => {
    const router = createPageCommandRouter();
    const a = relay();
    const b = relay();
    router.addRelay(5, a.channel);
    router.addRelay(5, b.channel);
    router.noteEvents(b.channel, [created('doc.1')]);
    expect(router.run(5, { type: 'simulate-error', socketId: 'doc.1' })).toBeNull();
    await settle();
    expect(a.received).toEqual([]);
    expect(b.received).toEqual([
      {
        source: 'socket-scope-background',
        type: 'page-command',
        command: { type: 'simulate-error', socketId: 'doc.1' },
      },
    ]);
  });

  it('refuses a command for a closed socket, an unknown socket or another tab', () => {
    const router = createPageCommandRouter();
    const a = relay();
    router.addRelay(5, a.channel);
    router.noteEvents(a.channel, [
      created('doc.1'),
      created('doc.2'),
      { type: 'close', socketId: 'doc.2', time: 2, code: 1000, reason: '', wasClean: true },
    ]);
    const error = 'That socket is closed or its page is gone.';
    expect(router.run(5, { type: 'simulate-error', socketId: 'doc.2' })).toBe(error);
    expect(router.run(5, { type: 'simulate-error', socketId: 'nope' })).toBe(error);
    expect(router.run(6, { type: 'simulate-error', socketId: 'doc.1' })).toBe(error);
  });

  it('sends rules to every relay of the tab, and to relays that connect later', async () => {
    const router = createPageCommandRouter();
    const a = relay();
    router.addRelay(5, a.channel);
    const other = relay();
    router.addRelay(6, other.channel);
    expect(router.run(5, { type: 'set-rules', rules: [rule] })).toBeNull();
    const late = relay();
    router.addRelay(5, late.channel);
    await settle();
    const setRules = {
      source: 'socket-scope-background',
      type: 'page-command',
      command: { type: 'set-rules', rules: [rule] },
    };
    expect(a.received).toEqual([setRules]);
    expect(late.received).toEqual([setRules]);
    expect(other.received).toEqual([]);
    expect(router.rulesOf(5)).toEqual([rule]);
  });

  it('forgets sockets of a relay that disconnected', async () => {
    const router = createPageCommandRouter();
    const a = relay();
    router.addRelay(5, a.channel);
    router.noteEvents(a.channel, [created('doc.1')]);
    a.page.close();
    await settle();
    expect(router.run(5, { type: 'simulate-error', socketId: 'doc.1' })).toBe(
      'That socket is closed or its page is gone.',
    );
  });
});
