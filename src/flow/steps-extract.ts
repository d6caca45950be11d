/** extract: values from the message the last expect matched, into variables for later steps. */
import { parseJsonFrame } from './json-compare';
import { lookupJsonPath, parseJsonPath } from './json-path';
import { failed, passed, type RunState, type StepOutcome } from './run-state';
import type { ExtractSource, ExtractStep } from './types';

export function runExtract(step: ExtractStep, state: RunState): StepOutcome {
  const match = state.lastMatch;
  if (!match) return failed('no message to extract from: an expect must match one first');
  const values: [string, string][] = [];
  for (const [name, source] of Object.entries(step.variables)) {
    const value = extractOne(source, match);
    if (!value.ok) return failed(`${name}: ${value.error}`);
    values.push([name, value.value]);
  }
  // All or nothing: a later step never sees half of an extract.
  for (const [name, value] of values) state.vars.set(name, value);
  return passed;
}

type Extracted = { ok: true; value: string } | { ok: false; error: string };

function extractOne(source: ExtractSource, match: NonNullable<RunState['lastMatch']>): Extracted {
  if (match.frame.kind !== 'text')
    return { ok: false, error: 'the matched message is binary; extract reads text and JSON' };
  const text = match.frame.text;
  if ('path' in source) {
    const json = match.json !== undefined ? { ok: true as const, value: match.json } : parseJsonFrame(text);
    if (!json.ok) return { ok: false, error: `the matched message is not JSON (${json.error})` };
    const path = parseJsonPath(source.path);
    if (!path.ok) return { ok: false, error: path.error };
    const found = lookupJsonPath(json.value, path.path);
    if (!found.found) return { ok: false, error: `${source.path} is not in the matched message (it has ${found.at})` };
    return { ok: true, value: asVariable(found.value) };
  }
  const result = new RegExp(source.regex, source.flags ?? '').exec(text);
  if (!result) return { ok: false, error: `/${source.regex}/ does not match the matched message` };
  const group = source.group ?? (result.length > 1 ? 1 : 0);
  const value = typeof group === 'number' ? result[group] : result.groups?.[group];
  if (value === undefined) return { ok: false, error: `group ${group} of /${source.regex}/ took part in no match` };
  return { ok: true, value };
}

/** Strings as they are; numbers, booleans, null, objects and arrays as their JSON text. */
function asVariable(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
