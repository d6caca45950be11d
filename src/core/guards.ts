/**
 * The primitive checks every guard is built from. Untrusted values (port messages, imported
 * files, decoded frames) are `unknown` until one of these says otherwise.
 */
export type Rec = Record<string, unknown>;

export const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isString = (x: unknown): x is string => typeof x === 'string';
export const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
export const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);
export const isNumberOrNull = (x: unknown): x is number | null => x === null || isFiniteNumber(x);
/** A whole number from `min` to `max`. */
export const isCount = (x: unknown, min: number, max: number): x is number =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
/** A message number, request id or other counter: a safe integer ≥ 0. */
export const isIndex = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/**
 * Padded standard base64, the only form the project writes (bytesToBase64): whole 4-character
 * groups, so that lengths can be computed without decoding (base64ByteLength).
 */
export const isBase64 = (x: unknown): x is string =>
  isString(x) && x.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(x);
