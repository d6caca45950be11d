import { describe, expect, it } from 'vitest';
import { toJUnitXml, type FlowReport } from '../../../src/flow';
import { escapeAttribute, escapeText } from '../../../src/flow/junit';
import { junitSchemaErrors } from './junit-schema';

const report: FlowReport = {
  name: 'demo',
  passed: false,
  startedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  ms: 1234.5,
  counts: { passed: 2, failed: 1, skipped: 1 },
  steps: [
    { number: '1', kind: 'connect', label: 'connect ws://x/', status: 'passed', runs: 1, ms: 10, maxMs: 10 },
    {
      number: '2',
      kind: 'repeat',
      label: 'repeat 2 times',
      status: 'failed',
      runs: 1,
      ms: 20,
      maxMs: 20,
      failure: { message: 'step 2.1 failed in iteration 2 of 2', details: [], iterations: [] },
      steps: [
        {
          number: '2.1',
          kind: 'expect',
          label: 'expect text "a"',
          status: 'failed',
          runs: 2,
          ms: 20,
          maxMs: 15,
          failure: { message: 'timed out <after> 5 ms', details: ['no message was received'], iterations: [2] },
        },
      ],
    },
    { number: '3', kind: 'close', label: 'close 1000', status: 'skipped', runs: 0, ms: 0, maxMs: 0 },
  ],
};

describe('JUnit XML', () => {
  it('has one testcase per step that is not a repeat, valid against the JUnit schema', async () => {
    const xml = toJUnitXml(report, { hostname: 'ci-box', packageName: 'demo.json' });
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain(
      '<testsuite name="demo" package="demo.json" id="0" timestamp="2026-01-02T03:04:05" hostname="ci-box" tests="3" failures="1" errors="0" skipped="1" time="1.234">',
    );
    expect(xml).toContain('<testcase name="2.1 expect text &quot;a&quot;" classname="demo" time="0.020">');
    expect(xml).toContain(
      '<failure message="timed out &lt;after&gt; 5 ms (iteration 2)" type="expect">no message was received</failure>',
    );
    expect(xml).toContain('<skipped message="not run: an earlier step failed"/>');
  });

  it('escapes markup and keeps only characters XML can hold', () => {
    expect(escapeText('a<b>&c\u0000\u0008\u000b\ufffe\t\n')).toBe('a&lt;b&gt;&amp;c\ufffd\ufffd\ufffd\ufffd\t\n');
    expect(escapeText('pair \ud83d\ude00 lone \ud83d and \ude00')).toBe('pair \ud83d\ude00 lone \ufffd and \ufffd');
    expect(escapeAttribute('"\'\n\t\r')).toBe('&quot;&apos;&#10;&#9;&#13;');
  });

  it('stays valid whatever the names hold', async () => {
    const hostile = '\u0001<x y="&">\u00a0\ud800]]>';
    const xml = toJUnitXml({ ...report, name: hostile }, { hostname: hostile });
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(await junitSchemaErrors(toJUnitXml({ ...report, name: '   ' }))).toEqual([]);
  });
});
