/** The steps that wait for the server: expect, expect-none, expect-close. */
import { createClosestTracker, describeClose, type ClosestTracker } from './closest';
import { previewFrame } from './frames';
import { createMatcher } from './matchers';
import { failed, passed, type RunState, type StepOutcome } from './run-state';
import { openConnectionOf } from './steps-connection';
import type { ExpectCloseStep, ExpectNoneStep, ExpectStep } from './types';

/** Lines every waiting step adds to a failure: what came while it waited, and what was lost. */
function whatCame(tracker: ClosestTracker, dropped: number, capacity: number): string[] {
  const lines = tracker.describe();
  if (dropped > 0) lines.push(`${dropped} messages were dropped unread (more than ${capacity} were waiting)`);
  return lines;
}

export async function runExpect(step: ExpectStep, state: RunState): Promise<StepOutcome> {
  const open = openConnectionOf(state);
  if (!open.ok) return open.outcome;
  const built = createMatcher(step, state.vars);
  if (!built.ok) return failed(built.error);
  const { matcher } = built;
  const { inbox } = open.connection;
  const timeoutMs = step.timeoutMs ?? state.defaultTimeoutMs;
  const deadline = state.timers.now() + timeoutMs;
  const tracker = createClosestTracker();
  const details = () => whatCame(tracker, inbox.takeDropped(), state.inboxCapacity);
  for (;;) {
    const item = await inbox.next(Math.max(1, deadline - state.timers.now()));
    switch (item.type) {
      case 'frame': {
        const result = matcher.test(item.frame);
        if (result.ok) {
          state.lastMatch = { frame: item.frame, ...(result.json === undefined ? {} : { json: result.json }) };
          return passed;
        }
        tracker.consider(item.frame, result.score, result.explain);
        if (!step.skipOthers) return failed(`expected ${matcher.describe}; the next message did not match`, details());
        continue;
      }
      case 'close':
        return failed(
          `the server closed the connection (${describeClose(item.close)}) while waiting for ${matcher.describe}`,
          details(),
        );
      case 'timeout':
        return failed(`timed out after ${timeoutMs} ms waiting for ${matcher.describe}`, details());
      case 'stopped':
        return failed('stopped');
    }
  }
}

/** A quiet period: any message, waiting unread or arriving within it, fails the step. */
export async function runExpectNone(step: ExpectNoneStep, state: RunState): Promise<StepOutcome> {
  const open = openConnectionOf(state);
  if (!open.ok) return open.outcome;
  const item = await open.connection.inbox.next(step.durationMs);
  switch (item.type) {
    case 'timeout':
      return passed;
    case 'frame':
      return failed(`expected no message for ${step.durationMs} ms, received ${previewFrame(item.frame)}`);
    case 'close':
      return failed(
        `expected no message for ${step.durationMs} ms; the server closed the connection (${describeClose(item.close)})`,
      );
    case 'stopped':
      return failed('stopped');
  }
}

export async function runExpectClose(step: ExpectCloseStep, state: RunState): Promise<StepOutcome> {
  // Not openConnectionOf: a close that already arrived is what this step waits for.
  if (!state.connection) return failed('not connected: add a connect step first');
  const { inbox } = state.connection;
  const timeoutMs = step.timeoutMs ?? state.defaultTimeoutMs;
  const deadline = state.timers.now() + timeoutMs;
  const tracker = createClosestTracker();
  const wanted = `the server to close${step.code === undefined ? '' : ` with code ${step.code}`}`;
  for (;;) {
    const item = await inbox.next(Math.max(1, deadline - state.timers.now()));
    if (item.type === 'stopped') return failed('stopped');
    if (item.type === 'timeout')
      return failed(
        `timed out after ${timeoutMs} ms waiting for ${wanted}`,
        whatCame(tracker, inbox.takeDropped(), state.inboxCapacity),
      );
    if (item.type === 'frame') {
      if (!step.skipOthers) return failed(`expected ${wanted}, received ${previewFrame(item.frame)}`);
      tracker.consider(item.frame, 0, () => []);
      continue;
    }
    state.connection = null;
    const { code, reason } = item.close;
    if (step.code !== undefined && code !== step.code)
      return failed(`expected close code ${step.code}; it closed with ${describeClose(item.close)}`);
    if (step.reason !== undefined && reason !== step.reason)
      return failed(
        `expected close reason ${JSON.stringify(step.reason)}; it closed with ${describeClose(item.close)}`,
      );
    return passed;
  }
}
