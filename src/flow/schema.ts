/**
 * Loads a flow document (version 1): parses and checks every field, so the engine runs only
 * what was checked. A malformed file is answered with problems that name the step (its index and
 * kind) and the field; an invalid regular expression is refused here, not when it is first used.
 */
import { isPlainObject } from './json-path';
import { createFieldReader, describeType, formatProblem, type FlowProblem } from './schema-fields';
import { checkVariableName } from './schema-extract';
import { checkStepFields, STEP_FIELDS } from './schema-steps';
import { FLOW_LIMITS, FLOW_VERSION, type Flow, type FlowStep } from './types';

export { formatProblem, type FlowProblem } from './schema-fields';

export type FlowLoad =
  { readonly ok: true; readonly flow: Flow } | { readonly ok: false; readonly problems: readonly FlowProblem[] };

/** Problems reported at most: a file with thousands of bad steps needs the first ones only. */
const MAX_PROBLEMS = 50;
const KINDS = Object.keys(STEP_FIELDS) as (keyof typeof STEP_FIELDS)[];

/** Parses JSON text, then loads it. */
export function parseFlow(text: string): FlowLoad {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problems: [{ where: 'document', field: '', message }] };
  }
  return loadFlow(document);
}

export function loadFlow(document: unknown): FlowLoad {
  const problems: FlowProblem[] = [];
  if (!isPlainObject(document))
    return {
      ok: false,
      problems: [{ where: 'document', field: '', message: `must be an object, not ${describeType(document)}` }],
    };
  const read = createFieldReader(document, 'document', problems);
  read.onlyFields(['$schema', 'version', 'name', 'description', 'variables', 'timeoutMs', 'steps']);
  read.string('$schema');
  if (document.version !== FLOW_VERSION)
    read.problem(
      'version',
      `must be ${FLOW_VERSION} (this version of Socket Scope reads flow version ${FLOW_VERSION})`,
    );
  const name = read.string('name');
  const description = read.string('description');
  const variables = read.stringRecord('variables');
  for (const key of Object.keys(variables ?? {})) {
    const refused = checkVariableName(key);
    if (refused) read.problem(`variables.${key}`, refused);
  }
  const timeoutMs = read.integer('timeoutMs', 1, FLOW_LIMITS.maxTimeoutMs);
  const counter = { steps: 0 };
  const steps = read.has('steps') ? checkSteps(document.steps, '', 0, problems, counter) : undefined;
  if (!read.has('steps')) read.problem('steps', 'is required (an array of steps)');
  if (problems.length > 0 || steps === undefined) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  const flow: Flow = { version: FLOW_VERSION, name, description, variables, timeoutMs, steps };
  return { ok: true, flow: dropUndefined(flow) };
}

/** Throws with every problem listed; for callers that hold a document they trust (examples, tests). */
export function loadFlowOrThrow(document: unknown): Flow {
  const loaded = loadFlow(document);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.flow;
}

function checkSteps(
  raw: unknown,
  parent: string,
  depth: number,
  problems: FlowProblem[],
  counter: { steps: number },
): FlowStep[] | undefined {
  const where = parent || 'document';
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({ where, field: 'steps', message: 'must be a non-empty array of steps' });
    return undefined;
  }
  if (depth >= FLOW_LIMITS.maxRepeatDepth) {
    problems.push({ where, field: 'steps', message: `repeats nest at most ${FLOW_LIMITS.maxRepeatDepth} deep` });
    return undefined;
  }
  const steps: FlowStep[] = [];
  for (const [index, item] of (raw as unknown[]).entries()) {
    if (problems.length >= MAX_PROBLEMS) return undefined;
    if (++counter.steps > FLOW_LIMITS.maxSteps) {
      problems.push({ where, field: 'steps', message: `a flow has at most ${FLOW_LIMITS.maxSteps} steps` });
      return undefined;
    }
    const at = `${parent ? `${parent} > ` : ''}steps[${index}]`;
    if (!isPlainObject(item)) {
      problems.push({ where: at, field: '', message: `must be an object with a "kind", not ${describeType(item)}` });
      continue;
    }
    const kind = item.kind;
    if (typeof kind !== 'string' || !(KINDS as string[]).includes(kind)) {
      const message = `${kind === undefined ? 'is required' : `${JSON.stringify(kind)} is not a step kind`} (one of ${KINDS.join(', ')})`;
      problems.push({ where: at, field: 'kind', message });
      continue;
    }
    const stepWhere = `${at} (${kind})`;
    const read = createFieldReader(item, stepWhere, problems);
    const nested = (inner: unknown) => checkSteps(inner, stepWhere, depth + 1, problems, counter);
    const step = checkStepFields(kind as keyof typeof STEP_FIELDS, read, nested);
    if (step) steps.push(dropUndefined(step));
  }
  return steps.length === (raw as unknown[]).length ? steps : undefined;
}

/** The loaded flow carries only the fields the document had (a saved flow stays as written). */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
