/**
 * The built CLI (bin/socket-scope.mjs) as a user runs it: real processes against the echo
 * server on an ephemeral port.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../../server/echo-server.mjs';
import { junitSchemaErrors } from './junit-schema';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'bin/socket-scope.mjs');
const EXAMPLES = path.join(ROOT, 'docs/flows');

let server: EchoServer;
let tmp: string;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
  server = await startEchoServer();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'socket-scope-cli-'));
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: tmp, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function flowFile(name: string, document: unknown): string {
  const file = path.join(tmp, name);
  writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document));
  return file;
}

const serverVar = () => `server=${server.url}`;

describe('socket-scope run', () => {
  it('passes every example in docs/flows against the echo server (exit 0)', async () => {
    const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'));
    const runs = await Promise.all(examples.map((name) => cli('run', path.join(EXAMPLES, name), '--var', serverVar())));
    for (const [i, run] of runs.entries()) {
      expect({ example: examples[i], code: run.code, stderr: run.stderr }).toEqual({
        example: examples[i],
        code: 0,
        stderr: '',
      });
      expect(run.stdout).toMatch(/\nPASSED: \d+ passed, 0 failed, 0 skipped in /);
    }
  });

  it('prints each step with pass/fail and time, and exits 1 when a step fails', async () => {
    const file = flowFile('wrong.json', {
      version: 1,
      name: 'wrong',
      steps: [
        { kind: 'connect', url: `${server.url}/` },
        { kind: 'send', text: 'hello world' },
        { kind: 'expect', text: 'hello there', timeoutMs: 500 },
        { kind: 'close' },
      ],
    });
    const run = await cli('run', file);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(/^ {2}PASS 1 connect ws:\/\/127\.0\.0\.1:\d+\/ [\d.]+ ms$/);
    expect(lines[3]).toMatch(/^ {2}FAIL 3 expect text "hello there" [\d.]+ ms$/);
    expect(run.stdout).toContain('expected text "hello there"; the next message did not match');
    expect(run.stdout).toContain('first difference at character 6:');
    expect(run.stdout).toContain('SKIP 4 close 1000');
  });

  it('fails the step a server close interrupts, with the close code (exit 1)', async () => {
    const file = flowFile('closed.json', {
      version: 1,
      steps: [
        { kind: 'connect', url: `${server.url}/close?code=4000&reason=bye` },
        { kind: 'expect', text: 'anything' },
      ],
    });
    const run = await cli('run', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the server closed the connection (code 4000 "bye", Application-defined)');
  });

  it('applies --var over the flow’s own variables', async () => {
    const file = flowFile('vars.json', {
      version: 1,
      variables: { who: 'ann' },
      steps: [
        { kind: 'connect', url: '{{server}}/' },
        { kind: 'send', text: 'hi {{who}}' },
        { kind: 'expect', text: 'hi bob', timeoutMs: 1000 },
      ],
    });
    expect((await cli('run', file, '--var', serverVar(), '--var', 'who=bob')).code).toBe(0);
    const unset = await cli('run', file, '--var', serverVar());
    expect(unset.code).toBe(1);
    expect(unset.stdout).toContain('received "hi ann"');
  });

  it('exits 2 for a bad flow file, naming the step and the field', async () => {
    const bad = flowFile('bad.json', {
      version: 1,
      steps: [
        { kind: 'connect', url: 'ws://x/' },
        { kind: 'expect', regex: '(' },
      ],
    });
    const run = await cli('run', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('steps[1] (expect): regex: Invalid regular expression: /(/: Unterminated group');
    expect(run.stdout).toBe('');
    const notJson = await cli('run', flowFile('not.json', '{"version": 1,'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/document: not JSON/);
    const missing = await cli('run', path.join(tmp, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*missing\.json/);
  });

  it('exits 2 for bad arguments', async () => {
    const file = flowFile('ok.json', { version: 1, steps: [{ kind: 'wait', ms: 1 }] });
    const cases = [
      [],
      ['walk', file],
      ['run'],
      ['run', file, '--bogus'],
      ['run', file, '--var', 'novalue'],
      ['run', file, '--var', 'uuid=1'],
      ['run', file, '--reporter', 'tap'],
    ];
    const runs = await Promise.all(cases.map((args) => cli(...args)));
    for (const [i, run] of runs.entries()) {
      expect({ args: cases[i], code: run.code }).toEqual({ args: cases[i], code: 2 });
      expect(run.stderr).toContain('Usage: socket-scope run FLOW.json');
    }
    expect((await cli('run', file)).code).toBe(0);
  });
});

describe('socket-scope run --reporter junit', () => {
  /** Untrusted text everywhere a report carries it: names, expected text, received frames. */
  const hostile = 'x\u0001<b a="1">&amp;\'"]]>\u001b[31m\ud800';
  const hostileFlow = () => ({
    version: 1,
    name: `suite ${hostile}`,
    steps: [
      { kind: 'connect', url: `${server.url}/` },
      { kind: 'send', text: hostile, name: `send ${hostile}` },
      { kind: 'expect', text: `${hostile}!`, timeoutMs: 500 },
      { kind: 'close' },
    ],
  });

  it('writes --out a JUnit file that validates against the JUnit schema', async () => {
    const out = path.join(tmp, 'report.xml');
    const run = await cli('run', flowFile('hostile.json', hostileFlow()), '--reporter', 'junit', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL 3 expect/);
    // The terminal gets no raw control character from a name or a frame.
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('PASS 2 send x\\u0001<b a="1">');
    const xml = readFileSync(out, 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<testsuite name="suite x\uFFFD&lt;b a=&quot;1&quot;&gt;&amp;amp;&apos;&quot;\]\]&gt;/);
    expect(xml).toMatch(/tests="4" failures="1" errors="0" skipped="1"/);
    expect(xml).toMatch(
      /<failure message="expected text &quot;x\\u0001&lt;b .* the next message did not match" type="expect">/,
    );
    expect(xml).not.toContain('\u001b');
  });

  it('the schema check is live: it refuses a report missing what JUnit requires', async () => {
    const out = path.join(tmp, 'report2.xml');
    await cli('run', flowFile('hostile2.json', hostileFlow()), '--reporter', 'junit', '--out', out);
    const broken = readFileSync(out, 'utf8').replace(/ classname="[^"]*"/, '');
    expect((await junitSchemaErrors(broken)).join('\n')).toMatch(/classname/);
  });

  it('writes the XML to stdout without --out, and the human report to stderr', async () => {
    const file = flowFile('pass.json', {
      version: 1,
      name: 'ok',
      steps: [{ kind: 'connect', url: `${server.url}/` }, { kind: 'close' }],
    });
    const run = await cli('run', file, '--reporter', 'junit');
    expect(run.code).toBe(0);
    expect(await junitSchemaErrors(run.stdout)).toEqual([]);
    expect(run.stderr).toMatch(/^Flow "ok"\n/);
  });
});
