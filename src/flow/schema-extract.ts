/** The loader's check of an extract step's `variables`: each a JSON path or a regex group. */
import { isPlainObject, parseJsonPath } from './json-path';
import { checkRegex, type FieldReader } from './schema-fields';
import { RESERVED_VARIABLES, type ExtractSource } from './types';
import { VARIABLE_NAME } from './variables';

export function checkExtractVariables(read: FieldReader): Record<string, ExtractSource> | undefined {
  const raw = read.raw.variables;
  if (!isPlainObject(raw) || Object.keys(raw).length === 0) {
    read.problem('variables', 'is required: an object of name → { "path": "$.…" } or { "regex": "…", "group": 1 }');
    return undefined;
  }
  const out: Record<string, ExtractSource> = {};
  let failed = false;
  for (const [name, source] of Object.entries(raw)) {
    const field = `variables.${name}`;
    const nameProblem = checkVariableName(name);
    if (nameProblem) {
      read.problem(field, nameProblem);
      failed = true;
      continue;
    }
    const checked = checkSource(source, field, read);
    if (checked) out[name] = checked;
    else failed = true;
  }
  return failed ? undefined : out;
}

export function checkVariableName(name: string): string | null {
  if (!VARIABLE_NAME.test(name)) return `"${name}" is not a variable name (letters, digits, _ . -; not first a digit)`;
  if (RESERVED_VARIABLES.has(name)) return `{{${name}}} is built in: choose another name`;
  return null;
}

function checkSource(source: unknown, field: string, parent: FieldReader): ExtractSource | undefined {
  if (!isPlainObject(source)) return void parent.problem(field, 'must be { "path": … } or { "regex": …, "group": … }');
  const before = parent.count();
  const result = checkSourceFields(parent.nested(source, field));
  return parent.count() === before ? result : undefined;
}

function checkSourceFields(read: FieldReader): ExtractSource | undefined {
  if (read.has('path') === read.has('regex')) return void read.problem('', 'needs exactly one of path, regex');
  if (read.has('path')) {
    read.onlyFields(['path']);
    const path = read.string('path');
    if (path === undefined) return undefined;
    const parsed = parseJsonPath(path);
    return parsed.ok ? { path } : void read.problem('path', parsed.error);
  }
  read.onlyFields(['regex', 'flags', 'group']);
  const regex = read.string('regex');
  const flags = read.string('flags');
  const group = read.raw.group;
  if (
    group !== undefined &&
    !(typeof group === 'string' && VARIABLE_NAME.test(group)) &&
    !(Number.isInteger(group) && (group as number) >= 0)
  )
    return void read.problem('group', 'must be a group number (0 is the whole match) or a group name');
  if (regex === undefined) return undefined;
  const refused = checkRegex(regex, flags ?? '');
  if (refused) return void read.problem(refused.startsWith('flags') ? 'flags' : 'regex', refused);
  // `regex|` matches the empty string, so exec('') lists every group the regex has.
  const groups = new RegExp(`${regex}|`, flags).exec('');
  if (typeof group === 'number' && groups && group >= groups.length)
    return void read.problem('group', `the regex has ${groups.length - 1} group(s), not ${group}`);
  if (typeof group === 'string' && !(groups?.groups && Object.hasOwn(groups.groups, group)))
    return void read.problem('group', `the regex has no group named "${group}"`);
  return {
    regex,
    ...(flags === undefined ? {} : { flags }),
    ...(group === undefined ? {} : { group: group as number | string }),
  };
}
