/**
 * {{variables}} in a running flow, expanded by the popup's own template code so a message reads
 * the same in the composer and in a flow: {{counter}} (1, 2, … per send of this run),
 * {{timestamp}}, {{iso}}, {{uuid}}, {{iteration}} (1-based, of the innermost repeat) and the
 * flow's variables (document defaults, then the caller's, then extracted values).
 */
import { expandTemplate, type TemplateContext } from '../core/template';
import { isPlainObject } from './json-path';

/** Names a flow may define: the template's own rule. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export interface FlowVariables {
  set(name: string, value: string): void;
  /** Expands one string; the error names the first unknown variable. */
  expand(text: string): { ok: true; text: string } | { ok: false; error: string };
  /** Expands every string inside a JSON value (keys and string leaves), leaving its shape. */
  expandJson(value: unknown): { ok: true; value: unknown } | { ok: false; error: string };
  nextSend(): void;
  withIteration<T>(iteration: number, body: () => Promise<T>): Promise<T>;
  snapshot(): Record<string, string>;
}

export function createFlowVariables(
  initial: Readonly<Record<string, string>>,
  now: () => number,
  uuid: () => string,
): FlowVariables {
  const vars = new Map(Object.entries(initial));
  let counter = 0;
  const context = (): TemplateContext => ({ counter: Math.max(counter, 1), now: now(), uuid, vars });
  const expand = (text: string) =>
    text.includes('{{') ? expandTemplate(text, context()) : { ok: true as const, text };

  function expandJson(value: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
    if (typeof value === 'string') {
      const out = expand(value);
      return out.ok ? { ok: true, value: out.text } : out;
    }
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (const item of value as unknown[]) {
        const out = expandJson(item);
        if (!out.ok) return out;
        items.push(out.value);
      }
      return { ok: true, value: items };
    }
    if (!isPlainObject(value)) return { ok: true, value };
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      const k = expand(key);
      if (!k.ok) return k;
      const v = expandJson(item);
      if (!v.ok) return v;
      entries.push([k.text, v.value]);
    }
    return { ok: true, value: Object.fromEntries(entries) };
  }

  return {
    set: (name, value) => void vars.set(name, value),
    expand,
    expandJson,
    nextSend: () => void counter++,
    async withIteration(iteration, body) {
      const outer = vars.get('iteration');
      vars.set('iteration', String(iteration));
      try {
        return await body();
      } finally {
        if (outer === undefined) vars.delete('iteration');
        else vars.set('iteration', outer);
      }
    },
    snapshot: () => Object.fromEntries(vars),
  };
}
