import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../src/core/throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once after a quiet interval, and gathers calls within one into a single run at its end', () => {
    let clock = 1_000;
    const runs: number[] = [];
    const call = throttle(
      () => runs.push(clock),
      50,
      () => clock,
    );
    call();
    expect(runs).toEqual([1_000]);
    clock = 1_010;
    call();
    clock = 1_020;
    call();
    expect(runs).toEqual([1_000]);
    clock = 1_050;
    vi.advanceTimersByTime(40);
    expect(runs).toEqual([1_000, 1_050]);
    clock = 1_200;
    call();
    expect(runs).toEqual([1_000, 1_050, 1_200]);
  });
});
