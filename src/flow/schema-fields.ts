/**
 * Field checks for the flow loader. Each problem names where it is (the step's index and kind)
 * and which field, so a person can fix a hand-written file from the message alone.
 */
import { UNPRINTABLE, unicodeEscape } from './frames';
import { isPlainObject } from './json-path';

export interface FlowProblem {
  /** "document", or the step: "steps[2] (expect)", "steps[4] (repeat) > steps[0] (send)". */
  readonly where: string;
  /** The field at fault, dotted for nested ones ("variables.token.regex"); "" for the whole object. */
  readonly field: string;
  readonly message: string;
}

export function formatProblem(problem: FlowProblem): string {
  const line = `${problem.where}${problem.field ? `: ${problem.field}` : ''}: ${problem.message}`;
  // Field names and values come from the file: keep control characters out of a terminal.
  return line.replace(UNPRINTABLE, unicodeEscape);
}

/** Reads one object's fields, recording problems against `where`; absent fields give undefined. */
export interface FieldReader {
  readonly raw: Readonly<Record<string, unknown>>;
  has(field: string): boolean;
  problem(field: string, message: string): void;
  onlyFields(allowed: readonly string[]): void;
  string(field: string, options?: { required?: boolean; nonEmpty?: boolean }): string | undefined;
  integer(field: string, min: number, max: number, required?: boolean): number | undefined;
  boolean(field: string): boolean | undefined;
  stringArray(field: string): string[] | undefined;
  stringRecord(field: string): Record<string, string> | undefined;
  /** A reader of an object inside this one: same step, fields reported as "field.inner". */
  nested(raw: Readonly<Record<string, unknown>>, field: string): FieldReader;
  /** Problems recorded so far in the whole document: compare before and after a check. */
  count(): number;
}

export const MAX_JSON_DEPTH = 64;

export function createFieldReader(
  raw: Readonly<Record<string, unknown>>,
  where: string,
  problems: FlowProblem[],
  prefix = '',
): FieldReader {
  const problem = (field: string, message: string) =>
    void problems.push({ where, field: prefix && field ? `${prefix}.${field}` : prefix || field, message });
  const present = (field: string) => Object.hasOwn(raw, field) && raw[field] !== undefined;
  return {
    raw,
    has: present,
    problem,
    nested: (inner, field) => createFieldReader(inner, where, problems, prefix ? `${prefix}.${field}` : field),
    count: () => problems.length,
    onlyFields(allowed) {
      for (const field of Object.keys(raw)) {
        if (!allowed.includes(field)) problem(field, `unknown field (allowed: ${allowed.join(', ')})`);
      }
    },
    string(field, options = {}) {
      if (!present(field)) {
        if (options.required) problem(field, 'is required (a string)');
        return undefined;
      }
      const value = raw[field];
      if (typeof value !== 'string') return void problem(field, `must be a string, not ${describeType(value)}`);
      if (options.nonEmpty && value === '') return void problem(field, 'must not be empty');
      return value;
    },
    integer(field, min, max, required = false) {
      if (!present(field)) {
        if (required) problem(field, `is required (a whole number from ${min} to ${max})`);
        return undefined;
      }
      const value = raw[field];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        return void problem(field, `must be a whole number from ${min} to ${max}, not ${describeValue(value)}`);
      return value;
    },
    boolean(field) {
      if (!present(field)) return undefined;
      const value = raw[field];
      if (typeof value !== 'boolean') return void problem(field, `must be true or false, not ${describeValue(value)}`);
      return value;
    },
    stringArray(field) {
      if (!present(field)) return undefined;
      const value = raw[field];
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
        return void problem(field, 'must be an array of strings');
      return value;
    },
    stringRecord(field) {
      if (!present(field)) return undefined;
      const value = raw[field];
      if (!isPlainObject(value) || !Object.values(value).every((item) => typeof item === 'string'))
        return void problem(field, 'must be an object whose values are strings');
      return { ...(value as Record<string, string>) };
    },
  };
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeType(value);
}

/** Whether a JSON value nests deeper than `max` (checked without recursion, so any input is safe). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A regular expression from a flow: compiled now, so an invalid one is refused at load. */
export function checkRegex(source: string, flags: string): string | null {
  if (!/^(?!.*(.).*\1)[imsu]*$/.test(flags)) return `flags "${flags}" must be some of i, m, s, u, each once`;
  try {
    new RegExp(source, flags);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid regular expression';
  }
}
