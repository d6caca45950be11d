import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInbox, type FlowTimers } from '../../../src/flow/inbox';

const timers: FlowTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as number),
};
const text = (value: string) => ({ kind: 'text' as const, text: value });

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('inbox', () => {
  it('hands out messages in order, then the close, and times out when empty', async () => {
    const inbox = createInbox(timers);
    inbox.pushFrame(text('a'));
    inbox.pushClose({ code: 1000, reason: '' });
    inbox.pushFrame(text('after close'));
    expect(await inbox.next(10)).toEqual({ type: 'frame', frame: text('a') });
    expect(await inbox.next(10)).toEqual({ type: 'close', close: { code: 1000, reason: '' } });
    const empty = createInbox(timers);
    const waiting = empty.next(100);
    await vi.advanceTimersByTimeAsync(100);
    expect(await waiting).toEqual({ type: 'timeout' });
  });

  it('wakes a waiting step as soon as a message arrives', async () => {
    const inbox = createInbox(timers);
    const waiting = inbox.next(1000);
    inbox.pushFrame(text('x'));
    expect(await waiting).toEqual({ type: 'frame', frame: text('x') });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps at most its capacity, dropping the oldest and counting them', async () => {
    const inbox = createInbox(timers, 3);
    for (let i = 0; i < 5000; i++) inbox.pushFrame(text(String(i)));
    expect(inbox.pending()).toBe(3);
    expect(inbox.takeDropped()).toBe(4997);
    expect(inbox.takeDropped()).toBe(0);
    expect(await inbox.next(1)).toEqual({ type: 'frame', frame: text('4997') });
  });

  it('interrupt ends the current and every later wait', async () => {
    const inbox = createInbox(timers);
    const waiting = inbox.next(60_000);
    inbox.interrupt();
    expect(await waiting).toEqual({ type: 'stopped' });
    expect(await inbox.next(1)).toEqual({ type: 'stopped' });
  });
});
