/**
 * The JSON Schema an expect step holds, checked at load as far as that can be done without the
 * validator: an object or boolean, not too deep, and every `pattern` / `patternProperties` key a
 * valid regular expression (the validator compiles them with the u flag on every use).
 */
import { isPlainObject } from './json-path';
import { MAX_JSON_DEPTH, nestsDeeperThan, type FieldReader } from './schema-fields';

export function checkUserSchema(read: FieldReader, schema: unknown): boolean {
  if (typeof schema !== 'boolean' && !isPlainObject(schema)) {
    read.problem('schema', 'must be a JSON Schema: an object or a boolean');
    return false;
  }
  if (nestsDeeperThan(schema, MAX_JSON_DEPTH)) {
    read.problem('schema', `nests deeper than ${MAX_JSON_DEPTH} levels`);
    return false;
  }
  const refused = firstBadPattern(schema);
  if (refused) read.problem('schema', refused);
  return refused === null;
}

function firstBadPattern(schema: unknown): string | null {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...(node as unknown[]));
    if (!isPlainObject(node)) continue;
    const patterns = [
      ...(typeof node.pattern === 'string' ? [node.pattern] : []),
      ...(isPlainObject(node.patternProperties) ? Object.keys(node.patternProperties) : []),
    ];
    for (const pattern of patterns) {
      try {
        new RegExp(pattern, 'u');
      } catch (error) {
        return `pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${error instanceof Error ? error.message : ''}`;
      }
    }
    stack.push(...Object.values(node));
  }
  return null;
}
