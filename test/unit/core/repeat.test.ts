import { describe, expect, it } from 'vitest';
import { composeMessage, describeRepeat, parseRepeatFields } from '../../../src/core/repeat';

const ctx = { counter: 7, now: 1_000, uuid: () => 'u-1' };

describe('repeat fields', () => {
  it('reads an interval and a count; an empty count repeats until stopped', () => {
    expect(parseRepeatFields('1000', '10')).toEqual({ ok: true, value: { intervalMs: 1000, times: 10 } });
    expect(parseRepeatFields(' 250 ', '  ')).toEqual({ ok: true, value: { intervalMs: 250, times: null } });
  });
  it('rejects what cannot be a schedule, with the allowed range', () => {
    for (const every of ['', '9', '1.5', 'abc', '86400001', '-5']) {
      expect(parseRepeatFields(every, ''), every).toEqual({
        ok: false,
        error: 'Repeat every: a whole number of milliseconds from 10 to 86,400,000',
      });
    }
    for (const times of ['0', '2.5', 'x', '1000001']) {
      expect(parseRepeatFields('100', times), times).toEqual({
        ok: false,
        error: 'Times: a whole number from 1 to 1,000,000, or empty to repeat until stopped',
      });
    }
  });
  it('describes a running repeat', () => {
    expect(describeRepeat({ intervalMs: 1000, times: 10, sent: 3 })).toBe('Repeating every 1,000 ms · 3 of 10 sent');
    expect(describeRepeat({ intervalMs: 50, times: null, sent: 1200 })).toBe(
      'Repeating every 50 ms · 1,200 sent, until stopped',
    );
  });
});

describe('composeMessage', () => {
  it('expands variables only when asked and only for text and JSON', () => {
    expect(composeMessage('text', 'n={{counter}} {{who}}', 'who=ada', ctx)).toEqual({
      ok: true,
      value: { kind: 'text', text: 'n=7 ada' },
    });
    expect(composeMessage('text', 'n={{counter}}', null, ctx)).toEqual({
      ok: true,
      value: { kind: 'text', text: 'n={{counter}}' },
    });
    expect(composeMessage('hex', '01 ff', '', ctx)).toEqual({ ok: true, value: { kind: 'binary', base64: 'Af8=' } });
  });
  it('checks the expanded JSON and names bad variables', () => {
    expect(composeMessage('json', '{"id":"{{uuid}}","t":{{timestamp}}}', '', ctx)).toEqual({
      ok: true,
      value: { kind: 'text', text: '{"id":"u-1","t":1000}' },
    });
    expect(composeMessage('json', '{"n":{{who}}}', 'who=ada', ctx)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Invalid JSON/),
    });
    expect(composeMessage('text', 'x', 'not a line', ctx)).toEqual({
      ok: false,
      error: 'Variable line 1: write it as name=value',
    });
  });
});
