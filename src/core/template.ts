/**
 * Message templates: {{counter}} (1, 2, … per send), {{timestamp}} (epoch ms), {{iso}} (ISO
 * time), {{uuid}} (random v4) and user variables defined as "name=value" lines.
 */
export interface TemplateContext {
  readonly counter: number;
  readonly now: number;
  readonly uuid: () => string;
  readonly vars: ReadonlyMap<string, string>;
}

const BUILT_IN = new Set(['counter', 'timestamp', 'iso', 'uuid']);
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parseVariables(input: string): { ok: true; vars: Map<string, string> } | { ok: false; error: string } {
  const vars = new Map<string, string>();
  for (const [i, raw] of input.split('\n').entries()) {
    if (raw.trim() === '') continue;
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(0, eq).trim() : '';
    if (!NAME.test(name)) return { ok: false, error: `Variable line ${i + 1}: write it as name=value` };
    if (BUILT_IN.has(name)) return { ok: false, error: `Variable line ${i + 1}: {{${name}}} is built in` };
    vars.set(name, raw.slice(eq + 1));
  }
  return { ok: true, vars };
}

export function expandTemplate(
  text: string,
  ctx: TemplateContext,
): { ok: true; text: string } | { ok: false; error: string } {
  // Assigned in the callback below: declared this way so that TypeScript does not narrow it to null.
  let unknown = null as string | null;
  const out = text.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g, (whole, name: string) => {
    switch (name) {
      case 'counter':
        return String(ctx.counter);
      case 'timestamp':
        return String(ctx.now);
      case 'iso':
        return new Date(ctx.now).toISOString();
      case 'uuid':
        return ctx.uuid();
    }
    const value = ctx.vars.get(name);
    if (value === undefined) unknown ??= name;
    return value ?? whole;
  });
  if (unknown !== null)
    return { ok: false, error: `Unknown variable {{${unknown}}}: define it as ${unknown}=value under Variables` };
  return { ok: true, text: out };
}
