import { describe, expect, it, vi } from 'vitest';
import { createMemoryChannelPair, type Channel } from '../../../src/core/channel';
import { createReconnectingChannel } from '../../../src/core/reconnecting-channel';

const tick = () => new Promise((r) => setTimeout(r, 80));

describe('reconnecting channel', () => {
  it('reopens after a drop, keeps listeners, and reports the reconnect', async () => {
    const far: Channel<string, string>[] = [];
    const open = () => {
      const [near, other] = createMemoryChannelPair<string, string>();
      far.push(other);
      return near;
    };
    const channel = createReconnectingChannel(open, { retryMs: 10 });
    const got: string[] = [];
    const reconnects = vi.fn();
    const lost = vi.fn();
    channel.onMessage((m) => got.push(m));
    channel.onReconnect(reconnects);
    channel.onDisconnect(lost);

    far[0]!.post('one');
    await tick();
    far[0]!.close(); // the background was suspended
    await tick();
    expect(far).toHaveLength(2);
    expect(reconnects).toHaveBeenCalledTimes(1);
    far[1]!.post('two');
    const seen: string[] = [];
    far[1]!.onMessage((m) => seen.push(m));
    channel.post('hello');
    await tick();
    expect(got).toEqual(['one', 'two']);
    expect(seen).toEqual(['hello']);
    expect(lost).not.toHaveBeenCalled();
  });

  it('gives up and reports the disconnect when opening throws', async () => {
    let calls = 0;
    let far: Channel<string, string> | null = null;
    const channel = createReconnectingChannel<string, string>(
      () => {
        if (calls++ > 0) throw new Error('Extension context invalidated.');
        const [near, other] = createMemoryChannelPair<string, string>();
        far = other;
        return near;
      },
      { retryMs: 5 },
    );
    const lost = vi.fn();
    channel.onDisconnect(lost);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    far!.close();
    await tick();
    expect(lost).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('gives up after maxAttempts drops in a row without a message', async () => {
    const channel = createReconnectingChannel<string, string>(
      () => {
        const [near, other] = createMemoryChannelPair<string, string>();
        queueMicrotask(() => other.close());
        return near;
      },
      { retryMs: 1, maxAttempts: 3 },
    );
    const lost = vi.fn();
    const reconnects = vi.fn();
    channel.onDisconnect(lost);
    channel.onReconnect(reconnects);
    await tick();
    expect(reconnects).toHaveBeenCalledTimes(3);
    expect(lost).toHaveBeenCalledTimes(1);
  });
});
