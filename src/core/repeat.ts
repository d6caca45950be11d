import { REPEAT_LIMITS, type ComposerMode, type WirePayload } from '../protocol';
import { buildPayload, type Parsed } from './composer';
import { expandTemplate, parseVariables } from './template';

/** Reads the popup's "every … ms" and "times" fields; an empty "times" means until stopped. */
export function parseRepeatFields(every: string, times: string): Parsed<{ intervalMs: number; times: number | null }> {
  const intervalMs = Number(every.trim());
  if (
    every.trim() === '' ||
    !Number.isInteger(intervalMs) ||
    intervalMs < REPEAT_LIMITS.minIntervalMs ||
    intervalMs > REPEAT_LIMITS.maxIntervalMs
  ) {
    return {
      ok: false,
      error: `Repeat every: a whole number of milliseconds from ${REPEAT_LIMITS.minIntervalMs} to ${REPEAT_LIMITS.maxIntervalMs.toLocaleString('en-US')}`,
    };
  }
  if (times.trim() === '') return { ok: true, value: { intervalMs, times: null } };
  const n = Number(times.trim());
  if (!Number.isInteger(n) || n < 1 || n > REPEAT_LIMITS.maxTimes) {
    return {
      ok: false,
      error: `Times: a whole number from 1 to ${REPEAT_LIMITS.maxTimes.toLocaleString('en-US')}, or empty to repeat until stopped`,
    };
  }
  return { ok: true, value: { intervalMs, times: n } };
}

export interface SendContext {
  /** {{counter}}: 1 for the first send of a repeat (or the composer's own count). */
  readonly counter: number;
  readonly now: number;
  readonly uuid: () => string;
}

/**
 * The payload of one send: {{variables}} expanded (text and JSON modes, when `variables` is not
 * null), then checked for its mode. The composer and the background's repeat both use it.
 */
export function composeMessage(
  mode: ComposerMode,
  message: string,
  variables: string | null,
  ctx: SendContext,
): Parsed<WirePayload> {
  let text = message;
  if (variables !== null && (mode === 'text' || mode === 'json')) {
    const vars = parseVariables(variables);
    if (!vars.ok) return vars;
    const expanded = expandTemplate(message, { ...ctx, vars: vars.vars });
    if (!expanded.ok) return expanded;
    text = expanded.text;
  }
  return buildPayload(mode, text);
}

/** "Repeating every 1,000 ms · 3 of 10 sent" */
export function describeRepeat(r: { intervalMs: number; times: number | null; sent: number }): string {
  const every = `Repeating every ${r.intervalMs.toLocaleString('en-US')} ms`;
  const sent =
    r.times === null
      ? `${r.sent.toLocaleString('en-US')} sent, until stopped`
      : `${r.sent.toLocaleString('en-US')} of ${r.times.toLocaleString('en-US')} sent`;
  return `${every} · ${sent}`;
}
