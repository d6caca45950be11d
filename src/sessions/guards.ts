/** Small checks for data that crosses a port: options and commands are never trusted. */

export type Rec = Record<string, unknown>;

export const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isString = (x: unknown): x is string => typeof x === 'string';
export const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';
export const isInteger = (x: unknown, min: number, max: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
export const isOneOf =
  <T extends string | number>(...values: readonly T[]) =>
  (x: unknown): x is T =>
    values.includes(x as T);
export const optional =
  <T>(guard: (x: unknown) => x is T) =>
  (x: unknown): x is T | undefined =>
    x === undefined || guard(x);
export const isArrayOf =
  <T>(guard: (x: unknown) => x is T, maxLength = 1000) =>
  (x: unknown): x is readonly T[] =>
    Array.isArray(x) && x.length <= maxLength && x.every(guard);
export const isStringPair = (x: unknown): x is readonly [string, string] =>
  Array.isArray(x) && x.length === 2 && isString(x[0]) && isString(x[1]);

type Shape = Record<string, (x: unknown) => boolean>;

/** `x` is a record whose listed keys pass their checks (other keys are ignored, never read). */
export function hasShape(x: unknown, shape: Shape): x is Rec {
  if (!isRecord(x)) return false;
  for (const key of Object.keys(shape)) if (!(shape[key] as (v: unknown) => boolean)(x[key])) return false;
  return true;
}

/** JSON text, or '' for "nothing": the value or the parser's message. */
export function parseJsonText(
  text: string,
  what: string,
): { ok: true; value: unknown; empty: boolean } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: undefined, empty: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, empty: false };
  } catch (error) {
    return { ok: false, error: `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
