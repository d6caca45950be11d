/**
 * Runs a loaded flow over an injected connector, with injected timers: no browser or Node API,
 * so the extension's background and the CLI run the same code. Steps run in order; the first
 * failure ends the run (the steps after it are reported as skipped), and the connection is
 * closed at the end whatever happened.
 */
import type { FlowConnector } from './connector';
import type { FlowTimers } from './inbox';
import { stepLabel } from './labels';
import { countSteps, type FlowReport, type StepReport } from './report';
import { failed, within, type RunState, type StepOutcome } from './run-state';
import { closeQuietly, runClose, runConnect, runSend } from './steps-connection';
import { runExpect, runExpectClose, runExpectNone } from './steps-expect';
import { runExtract } from './steps-extract';
import { FLOW_LIMITS, type Flow, type FlowStep, type RepeatStep } from './types';
import { createFlowVariables } from './variables';

export interface FlowEngineOptions {
  readonly connector: FlowConnector;
  /** Defaults to the global timers and Date.now, read when a run starts (so fake timers apply). */
  readonly timers?: FlowTimers;
  readonly uuid?: () => string;
  /** Messages kept waiting for a step before the oldest are dropped. */
  readonly inboxCapacity?: number;
}

export interface FlowRunOptions {
  /** Override the flow's own variables (the CLI's --var). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Stops the run: the current step fails as "stopped", the connection is closed. */
  readonly signal?: AbortSignal;
  /** Called as each top-level step ends, with the report so far (for a live view). */
  readonly onProgress?: (report: FlowReport) => void;
}

export interface FlowEngine {
  run(flow: Flow, options?: FlowRunOptions): Promise<FlowReport>;
}

/** A report node being filled in while the run goes. */
interface Tally {
  readonly step: FlowStep;
  readonly number: string;
  status: StepReport['status'];
  runs: number;
  ms: number;
  maxMs: number;
  failure?: StepReport['failure'];
  readonly children: Tally[];
}

const globalTimers = (): FlowTimers => ({
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
});

export function createFlowEngine(options: FlowEngineOptions): FlowEngine {
  return {
    async run(flow, runOptions = {}) {
      const timers = options.timers ?? globalTimers();
      const uuid = options.uuid ?? (() => globalThis.crypto.randomUUID());
      const vars = createFlowVariables({ ...flow.variables, ...runOptions.variables }, () => timers.now(), uuid);
      let stop: (value: 'stopped') => void = () => {};
      const stopping = new Promise<'stopped'>((resolve) => (stop = resolve));
      const state: RunState = {
        connector: options.connector,
        timers,
        vars,
        defaultTimeoutMs: flow.timeoutMs ?? FLOW_LIMITS.defaultTimeoutMs,
        inboxCapacity: options.inboxCapacity ?? 10_000,
        connection: null,
        lastMatch: null,
        stopping,
      };
      const onAbort = () => {
        stop('stopped');
        state.connection?.inbox.interrupt();
      };
      runOptions.signal?.addEventListener('abort', onAbort, { once: true });
      if (runOptions.signal?.aborted) onAbort();

      const tallies = flow.steps.map((step, i) => createTally(step, String(i + 1)));
      const startedAt = timers.now();
      const report = () => buildReport(flow, tallies, startedAt, timers.now());
      try {
        for (const tally of tallies) {
          const ok = await runTally(tally, state, []);
          runOptions.onProgress?.(report());
          if (!ok) break;
        }
      } finally {
        runOptions.signal?.removeEventListener('abort', onAbort);
        closeQuietly(state.connection);
      }
      return report();
    },
  };
}

function createTally(step: FlowStep, number: string): Tally {
  const children = step.kind === 'repeat' ? step.steps.map((child, i) => createTally(child, `${number}.${i + 1}`)) : [];
  return { step, number, status: 'skipped', runs: 0, ms: 0, maxMs: 0, children };
}

/** Runs one step once, recording its time and outcome; false when it failed. */
async function runTally(tally: Tally, state: RunState, iterations: readonly number[]): Promise<boolean> {
  const started = state.timers.now();
  let outcome: StepOutcome;
  try {
    outcome =
      tally.step.kind === 'repeat'
        ? await runRepeat(tally, tally.step, state, iterations)
        : await runStep(tally.step, state);
  } catch (error) {
    // A connector or a matcher that throws fails the step; it never ends the run unreported.
    outcome = failed(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
  const ms = state.timers.now() - started;
  tally.runs++;
  tally.ms += ms;
  tally.maxMs = Math.max(tally.maxMs, ms);
  if (outcome.ok) {
    if (tally.status !== 'failed') tally.status = 'passed';
    return true;
  }
  tally.status = 'failed';
  tally.failure = { message: outcome.message, details: outcome.details, iterations };
  return false;
}

async function runRepeat(
  tally: Tally,
  step: RepeatStep,
  state: RunState,
  iterations: readonly number[],
): Promise<StepOutcome> {
  for (let i = 1; i <= step.times; i++) {
    const inner = [...iterations, i];
    const failedChild = await state.vars.withIteration(i, async () => {
      for (const child of tally.children) if (!(await runTally(child, state, inner))) return child;
      return null;
    });
    if (failedChild) return failed(`step ${failedChild.number} failed in iteration ${i} of ${step.times}`);
  }
  return { ok: true };
}

function runStep(step: Exclude<FlowStep, RepeatStep>, state: RunState): StepOutcome | Promise<StepOutcome> {
  switch (step.kind) {
    case 'connect':
      return runConnect(step, state);
    case 'close':
      return runClose(step, state);
    case 'expect-close':
      return runExpectClose(step, state);
    case 'send':
      return runSend(step, state);
    case 'expect':
      return runExpect(step, state);
    case 'expect-none':
      return runExpectNone(step, state);
    case 'extract':
      return runExtract(step, state);
    case 'wait':
      return runWait(step.ms, state);
  }
}

async function runWait(ms: number, state: RunState): Promise<StepOutcome> {
  // Messages that arrive meanwhile wait in the inbox for the next step.
  const result = await within(state, new Promise<never>(() => {}), ms);
  return result === 'stopped' ? failed('stopped') : { ok: true };
}

function buildReport(flow: Flow, tallies: readonly Tally[], startedAt: number, now: number): FlowReport {
  const toReport = (tally: Tally): StepReport => ({
    number: tally.number,
    kind: tally.step.kind,
    label: stepLabel(tally.step),
    status: tally.status,
    runs: tally.runs,
    ms: tally.ms,
    maxMs: tally.maxMs,
    ...(tally.failure ? { failure: tally.failure } : {}),
    ...(tally.step.kind === 'repeat' ? { steps: tally.children.map(toReport) } : {}),
  });
  const steps = tallies.map(toReport);
  const counts = countSteps(steps);
  return {
    name: flow.name ?? 'flow',
    passed: counts.failed === 0 && counts.skipped === 0,
    startedAt,
    ms: now - startedAt,
    steps,
    counts,
  };
}
