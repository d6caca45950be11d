import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequester } from '../../../src/core/requests';
import { replyTo } from '../../../src/protocol';

describe('requests to the background', () => {
  afterEach(() => void vi.useRealTimers());

  it('numbers each request and resolves it with its own reply, in any order', async () => {
    const sent: [string, number][] = [];
    const requests = createRequester<{ type: string }>((request, id) => sent.push([request.type, id]));
    const first = requests.request({ type: 'send' });
    const second = requests.request({ type: 'connect' });
    expect(sent).toEqual([
      ['send', 1],
      ['connect', 2],
    ]);
    requests.settle(replyTo(2, { ok: false, error: 'Invalid URL' }));
    requests.settle(replyTo(1, { ok: true }));
    requests.settle(replyTo(9, { ok: true })); // a reply to nothing pending is ignored
    expect(await first).toEqual({ ok: true });
    expect(await second).toEqual({ ok: false, error: 'Invalid URL', versionMismatch: false });
    expect(requests.pending).toBe(0);
  });

  it('ends a request that gets no reply in time with an error naming it', async () => {
    vi.useFakeTimers();
    const requests = createRequester<{ type: string }>(() => {}, 10_000);
    const answer = requests.request({ type: 'clear-log' });
    vi.advanceTimersByTime(10_000);
    expect(await answer).toEqual({ ok: false, error: 'The extension did not answer “clear-log” within 10 s' });
    // Its late reply changes nothing.
    requests.settle(replyTo(1, { ok: true }));
    expect(requests.pending).toBe(0);
  });

  it('fails every pending request when the port drops, and one whose post throws at once', async () => {
    let fail = false;
    const requests = createRequester<{ type: string }>(() => {
      if (fail) throw new Error('Attempting to use a disconnected port object');
    });
    const a = requests.request({ type: 'send' });
    const b = requests.request({ type: 'remove' });
    requests.failAll('Lost the connection to the extension background');
    expect(await a).toEqual({ ok: false, error: 'Lost the connection to the extension background' });
    expect(await b).toEqual({ ok: false, error: 'Lost the connection to the extension background' });
    fail = true;
    expect(await requests.request({ type: 'send' })).toEqual({
      ok: false,
      error: 'Could not reach the extension: Attempting to use a disconnected port object',
    });
  });

  it('says when the background speaks another protocol version', async () => {
    const requests = createRequester<{ type: string }>(() => {});
    const hello = requests.request({ type: 'hello' });
    requests.settle(replyTo(1, { ok: false, error: 'reload' }, true));
    expect(await hello).toMatchObject({ ok: false, versionMismatch: true });
  });
});
