/**
 * A flow run's report: a tree shaped like the flow (a repeat holds its steps), each step with
 * its status, how often it ran and for how long, and for the failed one what went wrong. Steps
 * inside a repeat are aggregated over iterations, so a 10,000-iteration repeat stays small.
 */
import { UNPRINTABLE, unicodeEscape } from './frames';
import type { StepKind } from './types';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepFailure {
  /** One line: what the step wanted and what happened instead. */
  readonly message: string;
  /** More lines: the closest message received and how it differs, what did come. */
  readonly details: readonly string[];
  /** The iteration of each enclosing repeat (outermost first) when it failed; empty outside repeats. */
  readonly iterations: readonly number[];
}

export interface StepReport {
  /** 1-based position in the flow, dotted inside repeats: "3", "4.2". */
  readonly number: string;
  readonly kind: StepKind;
  /** The step's name, or a summary of it: `expect text "pong"`. */
  readonly label: string;
  readonly status: StepStatus;
  /** Times it ran (more than once inside a repeat), total and longest time of one run. */
  readonly runs: number;
  readonly ms: number;
  readonly maxMs: number;
  readonly failure?: StepFailure;
  readonly steps?: readonly StepReport[];
}

export interface FlowReport {
  readonly name: string;
  readonly passed: boolean;
  /** Epoch ms when the run started, as the clock the engine was given reads it. */
  readonly startedAt: number;
  readonly ms: number;
  readonly steps: readonly StepReport[];
  /** Steps counted once each, however often a repeat ran them. */
  readonly counts: { readonly passed: number; readonly failed: number; readonly skipped: number };
}

/** Every step of a report, depth first, with its depth (0 at the top). */
export function flattenSteps(steps: readonly StepReport[], depth = 0): { step: StepReport; depth: number }[] {
  return steps.flatMap((step) => [{ step, depth }, ...flattenSteps(step.steps ?? [], depth + 1)]);
}

export function countSteps(steps: readonly StepReport[]): FlowReport['counts'] {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const { step } of flattenSteps(steps)) counts[step.status]++;
  return counts;
}

/** The failed step, if any (the engine stops at the first failure). */
export function firstFailure(report: FlowReport): StepReport | undefined {
  return flattenSteps(report.steps).find(({ step }) => step.status === 'failed' && !step.steps)?.step;
}

/** Plain-text lines for a terminal or a log: one per step, the failure's details under it. */
export function formatReport(report: FlowReport): string[] {
  const lines = [`Flow ${JSON.stringify(report.name)}`];
  for (const { step, depth } of flattenSteps(report.steps)) {
    const mark = step.status === 'passed' ? 'PASS' : step.status === 'failed' ? 'FAIL' : 'SKIP';
    const indent = '  '.repeat(depth + 1);
    const runs = step.runs > 1 ? ` (${step.runs} runs, longest ${formatMs(step.maxMs)})` : '';
    const time = step.status === 'skipped' ? '' : ` ${formatMs(step.ms)}${runs}`;
    lines.push(`${indent}${mark} ${step.number} ${step.label}${time}`);
    if (!step.failure) continue;
    const at = step.failure.iterations.length > 0 ? ` (iteration ${step.failure.iterations.join('.')})` : '';
    lines.push(`${indent}     ${step.failure.message}${at}`);
    for (const detail of step.failure.details) lines.push(`${indent}       ${detail}`);
  }
  const { passed, failed, skipped } = report.counts;
  lines.push(
    `${report.passed ? 'PASSED' : 'FAILED'}: ${passed} passed, ${failed} failed, ${skipped} skipped in ${formatMs(report.ms)}`,
  );
  // Names and messages may hold text from the flow file or the server: no raw control characters.
  return lines.map((line) => line.replace(UNPRINTABLE, unicodeEscape));
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}
