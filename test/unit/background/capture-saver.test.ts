import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createCaptureSaver,
  SAVE_DELAY_MS,
  type CaptureWrites,
  type WriteResult,
} from '../../../src/background/capture-saver';
import { describeSaveFailure, retryDelayMs } from '../../../src/background/save-problem';
import { createEventLog, DEFAULT_LIMITS, type EventLog } from '../../../src/core/event-log';
import { MAX_SAVE_PROBLEM_LENGTH, type SaveProblem, type SocketEvent } from '../../../src/protocol';

const frame = (n: number): SocketEvent => ({
  type: 'frame',
  socketId: 's',
  time: n,
  direction: 'in',
  payload: { kind: 'text', text: `f${n}` },
});
const frames = (from: number, count: number) => Array.from({ length: count }, (_, i) => frame(from + i));
const quotaError = () =>
  Object.assign(new Error('The current transaction exceeded its quota limitations.'), { name: 'QuotaExceededError' });

describe('describeSaveFailure', () => {
  it('names a full quota, however the browser reports it', () => {
    for (const error of [
      quotaError(),
      { name: 'QuotaExceededError' },
      { name: 'Error', code: 22 },
      { name: 'UnknownError', message: 'Quota exceeded' },
    ]) {
      const problem = describeSaveFailure(error);
      expect(problem.reason).toBe('quota');
      expect(problem.message).toMatch(
        /^Browser storage is full: this tab's capture is kept in memory only and would be lost if the browser stops the extension's background\./,
      );
    }
  });

  it('quotes any other error, and says what it means for the capture', () => {
    expect(
      describeSaveFailure(Object.assign(new Error('Connection is closing.'), { name: 'InvalidStateError' })),
    ).toEqual({
      reason: 'error',
      message:
        "Could not save the capture (InvalidStateError: Connection is closing.): this tab's capture is kept in memory only and would be lost if the browser stops the extension's background. Saving is retried by itself.",
    });
    expect(describeSaveFailure(null).message).toMatch(/^Could not save the capture \(unknown error\)/);
    expect(describeSaveFailure('disk on fire').message).toMatch(/^Could not save the capture \(disk on fire\)/);
    expect(describeSaveFailure({ name: 'UnknownError', message: 'x'.repeat(10_000) }).message).toHaveLength(
      MAX_SAVE_PROBLEM_LENGTH,
    );
  });
});

describe('retryDelayMs', () => {
  it('backs off from 1 s to at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});

/** Storage as capture-persistence keeps it: records per tab, in write order; it can be made full. */
function fakeStorage() {
  const records = new Map<number, { events: readonly SocketEvent[]; droppedBefore: number }[]>();
  const calls: string[] = [];
  let full = false;
  const land = (call: string, change: () => void) =>
    Promise.resolve().then((): WriteResult => {
      calls.push(call);
      if (full && !call.startsWith('forget')) return { ok: false, error: quotaError() };
      change();
      return { ok: true };
    });
  const writes: CaptureWrites = {
    append: (tabId, events) =>
      land(`append ${tabId} ${events.length}`, () =>
        records.set(tabId, [...(records.get(tabId) ?? []), { events, droppedBefore: 0 }]),
      ),
    replace: (tabId, events, droppedBefore) =>
      land(`replace ${tabId} ${events.length}`, () => records.set(tabId, [{ events, droppedBefore }])),
    forget: (tabId) => land(`forget ${tabId}`, () => records.delete(tabId)),
  };
  return {
    writes,
    calls,
    setFull: (value: boolean) => (full = value),
    /** What a restarted background would load for the tab. */
    saved: (tabId: number) => (records.get(tabId) ?? []).flatMap((r) => r.events),
  };
}

/** A hub's logs and the saver following them, as capture-lifecycle.ts wires them. */
function setup(maxFrames = DEFAULT_LIMITS.maxFrames) {
  const storage = fakeStorage();
  const logs = new Map<number, EventLog>();
  const saver = createCaptureSaver({
    writes: storage.writes,
    logOf: (tabId) => logs.get(tabId),
    maxFrames: () => maxFrames,
  });
  const problems: [number, SaveProblem | null][] = [];
  saver.onProblem((tabId, problem) => problems.push([tabId, problem]));
  const record = (tabId: number, events: SocketEvent[]) => {
    let log = logs.get(tabId);
    if (!log) logs.set(tabId, (log = createEventLog({ ...DEFAULT_LIMITS, maxFrames })));
    log.append(events);
    saver.record(tabId, events);
  };
  return { storage, saver, logs, problems, record };
}

describe('capture saver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gathers events for a moment and appends them per tab in one write', async () => {
    const { storage, record } = setup();
    record(1, frames(0, 2));
    record(1, frames(2, 3));
    record(2, frames(0, 1));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(storage.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(storage.calls).toEqual(['append 1 5', 'append 2 1']);
    expect(storage.saved(1)).toEqual(frames(0, 5));
  });

  it('while storage is full: says so once, keeps the events, retries with backoff, and saves them in order once it can', async () => {
    const { storage, saver, logs, problems, record } = setup();
    record(1, frames(0, 3));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    storage.setFull(true);
    record(1, frames(3, 2));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(problems).toEqual([[1, describeSaveFailure(quotaError())]]);
    expect(saver.problemOf(1)?.reason).toBe('quota');

    // New frames do not retry at once (that would defeat the backoff); the retry timer does.
    record(1, frames(5, 2));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(storage.calls).toEqual(['append 1 3', 'append 1 2']);
    await vi.advanceTimersByTimeAsync(retryDelayMs(1) - SAVE_DELAY_MS);
    expect(storage.calls.slice(2)).toEqual(['append 1 4']); // the failed batch and the newer one, together
    await vi.advanceTimersByTimeAsync(retryDelayMs(2));
    expect(storage.calls.slice(3)).toEqual(['append 1 4']);
    expect(problems).toHaveLength(1); // the same problem is not told again

    expect(logs.get(1)!.all()).toEqual(frames(0, 7)); // memory never lost anything
    expect(storage.saved(1)).toEqual(frames(0, 3));

    storage.setFull(false);
    record(1, frames(7, 1));
    await vi.advanceTimersByTimeAsync(retryDelayMs(3));
    expect(storage.saved(1)).toEqual(frames(0, 8)); // no hole, same order as recorded
    expect(problems).toEqual([
      [1, describeSaveFailure(quotaError())],
      [1, null],
    ]);
    expect(saver.problemOf(1)).toBeNull();
  });

  it('a problem belongs to the tab whose write failed', async () => {
    const { storage, saver, record } = setup();
    storage.setFull(true);
    record(1, frames(0, 1));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    storage.setFull(false);
    record(2, frames(0, 1));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saver.problemOf(1)?.reason).toBe('quota');
    expect(saver.problemOf(2)).toBeNull();
  });

  it("a clear is saved at once, and ends a failing tab's problem once it lands", async () => {
    const { storage, saver, logs, problems, record } = setup();
    storage.setFull(true);
    record(1, frames(0, 3));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    storage.setFull(false);
    logs.get(1)!.clear();
    saver.cleared(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.calls).toEqual(['append 1 3', 'replace 1 0']);
    expect(problems.at(-1)).toEqual([1, null]);
    await vi.advanceTimersByTimeAsync(retryDelayMs(5));
    expect(storage.calls).toHaveLength(2);
    expect(storage.saved(1)).toEqual([]);
  });

  it('events cleared while their write was failing are not put back', async () => {
    const { storage, saver, logs, record } = setup();
    storage.setFull(true);
    record(1, frames(0, 3));
    vi.advanceTimersByTime(SAVE_DELAY_MS); // the append starts and has not landed yet
    logs.get(1)!.clear();
    saver.cleared(1);
    await vi.advanceTimersByTimeAsync(0); // the append fails
    storage.setFull(false);
    record(1, frames(3, 1));
    await vi.advanceTimersByTimeAsync(retryDelayMs(1));
    expect(storage.calls).toEqual(['append 1 3', 'replace 1 1']);
    expect(storage.saved(1)).toEqual(frames(3, 1));
  });

  it('bounds what waits while storage is full: past twice the capture limit, the tab is rewritten as its log', async () => {
    const { storage, logs, record } = setup(10);
    storage.setFull(true);
    for (let i = 0; i < 25; i++) record(1, frames(i, 1));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(storage.calls).toEqual(['replace 1 10']);
    storage.setFull(false);
    await vi.advanceTimersByTimeAsync(retryDelayMs(1));
    expect(storage.saved(1)).toEqual(logs.get(1)!.all());
    expect(storage.saved(1)).toEqual(frames(15, 10));
  });

  it('flush writes what waits, also for a tab waiting for its retry, and settles even while storage is full', async () => {
    const { storage, saver, record } = setup();
    storage.setFull(true);
    record(1, frames(0, 2));
    await saver.flush();
    expect(storage.calls).toEqual(['append 1 2']);
    storage.setFull(false);
    await saver.flush();
    expect(storage.saved(1)).toEqual(frames(0, 2));
    expect(saver.problemOf(1)).toBeNull();
  });

  it('forgets a closed tab, and a write still in flight for it does not come back', async () => {
    const { storage, saver, record } = setup();
    storage.setFull(true);
    record(1, frames(0, 2));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saver.forget(1);
    storage.setFull(false);
    await vi.advanceTimersByTimeAsync(retryDelayMs(5));
    expect(storage.calls).toEqual(['append 1 2', 'forget 1']);
    expect(saver.problemOf(1)).toBeNull();
  });

  it('whenSaved resolves once what was recorded before it is written, not before', async () => {
    const { storage, saver, record } = setup();
    const resolved: string[] = [];
    await saver.whenSaved(1); // nothing recorded: nothing to wait for
    record(1, frames(0, 2));
    void saver.whenSaved(1).then(() => resolved.push(`first, saved ${storage.saved(1).length}`));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(resolved).toEqual([]);
    record(1, frames(2, 1)); // recorded while the first wait is on: in the same write
    void saver.whenSaved(1).then(() => resolved.push(`second, saved ${storage.saved(1).length}`));
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toEqual(['first, saved 3', 'second, saved 3']);

    // Recorded while a write is in flight: waits for the next write.
    record(1, frames(3, 1));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    record(1, frames(4, 1));
    void saver.whenSaved(1).then(() => resolved.push(`third, saved ${storage.saved(1).length}`));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(resolved.slice(2)).toEqual(['third, saved 5']);
  });

  it('whenSaved does not wait while storage is failing, nor for a closed tab', async () => {
    const { storage, saver, record } = setup();
    storage.setFull(true);
    record(1, frames(0, 1));
    let settled = 0;
    void saver.whenSaved(1).then(() => settled++);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(settled).toBe(1); // the failed write settles it: the panel says the capture is in memory only
    record(1, frames(1, 1));
    await saver.whenSaved(1); // resolves at once while the tab has a problem
    record(2, frames(0, 1));
    void saver.whenSaved(2).then(() => settled++);
    saver.forget(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(2);
  });
});
