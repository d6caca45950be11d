import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeepAlive } from '../../../src/background/keep-alive';

describe('keep-alive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings every interval only while needed, and stops when no connection is open', () => {
    let open = false;
    const ping = vi.fn(() => Promise.resolve({}));
    const keepAlive = createKeepAlive(() => open, ping, 20_000);
    keepAlive.update();
    vi.advanceTimersByTime(60_000);
    expect(ping).not.toHaveBeenCalled();
    expect(keepAlive.running).toBe(false);

    open = true;
    keepAlive.update();
    keepAlive.update(); // idempotent: still one timer
    vi.advanceTimersByTime(19_999);
    expect(ping).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(ping).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(40_000);
    expect(ping).toHaveBeenCalledTimes(3);
    expect(keepAlive.pings).toBe(3);

    open = false;
    keepAlive.update();
    vi.advanceTimersByTime(60_000);
    expect(ping).toHaveBeenCalledTimes(3);
    expect(keepAlive.running).toBe(false);
  });

  it('restarts with a new interval', () => {
    const ping = vi.fn(() => Promise.resolve());
    const keepAlive = createKeepAlive(() => true, ping, 20_000);
    keepAlive.update();
    keepAlive.setIntervalMs(1_000);
    vi.advanceTimersByTime(3_000);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it('survives a failing ping', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const keepAlive = createKeepAlive(
      () => true,
      () => Promise.reject(new Error('gone')),
      10,
    );
    keepAlive.update();
    vi.advanceTimersByTime(20);
    vi.runAllTicks();
    await Promise.resolve();
    expect(keepAlive.pings).toBe(2);
    expect(keepAlive.running).toBe(true);
    warn.mockRestore();
  });
});
