import { describe, expect, it } from 'vitest';
import { createMemoryChannelPair, type Channel } from '../../../src/core/channel';

interface Msg {
  n: number;
  nested: { list: number[] };
}

const nextMessage = <In>(channel: Channel<unknown, In>) =>
  new Promise<In>((resolve) => {
    const off = channel.onMessage((m) => {
      off();
      resolve(m);
    });
  });

describe('createMemoryChannelPair', () => {
  it('delivers asynchronously, in order, in both directions', async () => {
    const [a, b] = createMemoryChannelPair<Msg, string>();
    const received: number[] = [];
    b.onMessage((m) => received.push(m.n));
    a.post({ n: 1, nested: { list: [] } });
    a.post({ n: 2, nested: { list: [] } });
    expect(received).toEqual([]);
    const reply = nextMessage(a);
    b.post('pong');
    expect(await reply).toBe('pong');
    expect(received).toEqual([1, 2]);
  });

  it('clones: mutating the sent object after post does not change what arrives', async () => {
    const [a, b] = createMemoryChannelPair<Msg, Msg>();
    const sent: Msg = { n: 1, nested: { list: [1, 2] } };
    const arrival = nextMessage(b);
    a.post(sent);
    sent.n = 99;
    sent.nested.list.push(3);
    const got = await arrival;
    expect(got).toEqual({ n: 1, nested: { list: [1, 2] } });
    expect(got).not.toBe(sent);
  });

  it('stops calling a listener after it is removed', async () => {
    const [a, b] = createMemoryChannelPair<number, number>();
    const seen: number[] = [];
    const off = b.onMessage((m) => seen.push(m));
    a.post(1);
    await nextMessage(b);
    off();
    a.post(2);
    await nextMessage(b);
    expect(seen).toEqual([1]);
  });

  it("close() notifies the peer's onDisconnect, not its own", async () => {
    const [a, b] = createMemoryChannelPair<number, number>();
    const calls: string[] = [];
    a.onDisconnect(() => calls.push('a'));
    const peerNotified = new Promise<void>((resolve) => b.onDisconnect(() => resolve()));
    b.onDisconnect(() => calls.push('b'));
    a.close();
    a.close(); // idempotent
    await peerNotified;
    expect(calls).toEqual(['b']);
  });

  it('throws on post after close, on either end', () => {
    const [a, b] = createMemoryChannelPair<number, number>();
    a.close();
    expect(() => a.post(1)).toThrow('Channel is closed');
    expect(() => b.post(1)).toThrow('Channel is closed');
  });
});
