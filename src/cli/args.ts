/** The command line: `socket-scope run FLOW.json [--var k=v]... [--reporter human|junit] [--out FILE]`. */
import { parseArgs } from 'node:util';
import { checkVariableName } from '../flow/schema-extract';

export const USAGE = `Usage: socket-scope run FLOW.json [--var name=value]... [--reporter human|junit] [--out FILE]

Runs a Socket Scope flow (docs/flow.schema.json) and reports each step.
  --var name=value   set a {{variable}} (repeatable; overrides the flow's own)
  --reporter junit   write JUnit XML (to --out FILE, else to stdout); human output goes to stderr then
  --out FILE         where the JUnit XML goes
Exit codes: 0 every step passed, 1 a step failed, 2 bad flow file or bad arguments.`;

export type CliCommand =
  | { readonly type: 'help' }
  | {
      readonly type: 'run';
      readonly file: string;
      readonly variables: Readonly<Record<string, string>>;
      readonly reporter: 'human' | 'junit';
      readonly out: string | null;
    };

export function parseCommandLine(
  argv: readonly string[],
): { ok: true; command: CliCommand } | { ok: false; error: string } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, command: { type: 'help' } };
  const [command, file, ...extra] = positionals;
  if (command !== 'run') return { ok: false, error: command ? `unknown command "${command}"` : 'no command given' };
  if (!file) return { ok: false, error: 'run needs a flow file' };
  if (extra.length > 0) return { ok: false, error: `unexpected argument "${extra[0]}"` };
  const reporter = values.reporter ?? 'human';
  if (reporter !== 'human' && reporter !== 'junit')
    return { ok: false, error: `unknown reporter "${reporter}" (human or junit)` };
  if (values.out !== undefined && reporter !== 'junit') return { ok: false, error: '--out is for --reporter junit' };
  const variables: Record<string, string> = {};
  for (const pair of values.var ?? []) {
    const eq = pair.indexOf('=');
    const name = eq > 0 ? pair.slice(0, eq) : '';
    const refused = eq > 0 ? checkVariableName(name) : 'write it as name=value';
    if (refused) return { ok: false, error: `--var ${pair}: ${refused}` };
    variables[name] = pair.slice(eq + 1);
  }
  return { ok: true, command: { type: 'run', file, variables, reporter, out: values.out ?? null } };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      var: { type: 'string', multiple: true },
      reporter: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
