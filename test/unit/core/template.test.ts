import { describe, expect, it } from 'vitest';
import { expandTemplate, parseVariables } from '../../../src/core/template';

const ctx = (vars: Record<string, string> = {}) => ({
  counter: 3,
  now: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  uuid: () => '00000000-0000-4000-8000-000000000000',
  vars: new Map(Object.entries(vars)),
});

describe('templates', () => {
  it('expands built-ins and user variables', () => {
    expect(
      expandTemplate(
        '{"n":{{counter}},"t":{{ timestamp }},"at":"{{iso}}","id":"{{uuid}}","u":"{{user}}"}',
        ctx({ user: 'ada' }),
      ),
    ).toEqual({
      ok: true,
      text: '{"n":3,"t":1767323045006,"at":"2026-01-02T03:04:05.006Z","id":"00000000-0000-4000-8000-000000000000","u":"ada"}',
    });
    expect(expandTemplate('no braces {x}', ctx())).toEqual({ ok: true, text: 'no braces {x}' });
  });
  it('names the first unknown variable', () => {
    expect(expandTemplate('{{a}} {{b}}', ctx())).toEqual({
      ok: false,
      error: 'Unknown variable {{a}}: define it as a=value under Variables',
    });
  });
  it('parses name=value lines', () => {
    const parsed = parseVariables('user=ada\n\ntoken = a=b');
    expect(parsed.ok && [...parsed.vars]).toEqual([
      ['user', 'ada'],
      ['token', ' a=b'],
    ]);
    expect(parseVariables('=x')).toEqual({ ok: false, error: 'Variable line 1: write it as name=value' });
    expect(parseVariables('uuid=1')).toEqual({ ok: false, error: 'Variable line 1: {{uuid}} is built in' });
  });
});
