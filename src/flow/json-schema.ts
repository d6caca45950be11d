/**
 * JSON Schema checks of received messages, by @cfworker/json-schema: an interpreting validator
 * (no eval, no new Function), so it runs under the extension's CSP as well as in Node. Drafts
 * 2020-12 by default; a schema's own $schema may name 4, 7 or 2019-09.
 */
import { Validator, type OutputUnit, type SchemaDraft } from '@cfworker/json-schema';
import { show } from './json-compare';

export interface SchemaCheck {
  readonly valid: boolean;
  readonly errors: readonly { readonly at: string; readonly error: string }[];
}

type UserSchema = boolean | Readonly<Record<string, unknown>>;

const validators = new WeakMap<object, Validator>();
const MAX_ERRORS = 8;

function draftOf(schema: UserSchema): SchemaDraft {
  const id = typeof schema === 'object' && typeof schema.$schema === 'string' ? schema.$schema : '';
  if (id.includes('draft-04')) return '4';
  if (id.includes('draft-07')) return '7';
  if (id.includes('2019-09')) return '2019-09';
  return '2020-12';
}

function validatorFor(schema: UserSchema): Validator {
  if (typeof schema === 'boolean') return new Validator(schema, '2020-12', false);
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema, draftOf(schema), false);
    validators.set(schema, validator);
  }
  return validator;
}

/** Never throws: a schema the validator cannot use (an unresolved $ref, say) is a failed check. */
export function validateWithSchema(schema: UserSchema, value: unknown): SchemaCheck {
  try {
    const result = validatorFor(schema).validate(value);
    return { valid: result.valid, errors: leafErrors(result.errors) };
  } catch (error) {
    return {
      valid: false,
      errors: [
        { at: '$', error: `the schema could not be used: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
}

/**
 * The validator lists every failing keyword up the tree ("Property "a" does not match schema"
 * above the real reason); the deepest ones say what is wrong, so those come first.
 */
function leafErrors(errors: readonly OutputUnit[]): SchemaCheck['errors'] {
  const sorted = [...errors].sort((a, b) => b.keywordLocation.length - a.keywordLocation.length);
  return sorted.map((unit) => ({ at: pointerToPath(unit.instanceLocation), error: unit.error }));
}

/** "#/items/0/name" → "$.items[0].name", the paths the rest of the report uses. */
function pointerToPath(pointer: string): string {
  const parts = pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '');
  return parts
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), '$');
}

export function describeSchemaMiss(check: SchemaCheck): string[] {
  const lines = check.errors.slice(0, MAX_ERRORS).map((e) => `${e.at}: ${show(e.error, 160).replace(/^"|"$/g, '')}`);
  if (check.errors.length > MAX_ERRORS) lines.push(`… ${check.errors.length - MAX_ERRORS} more schema errors`);
  return lines;
}
