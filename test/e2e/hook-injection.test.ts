import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server.mjs';
import { DIST_CHROME, TEST_PAGES } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { FIELDS, forEachHookEvent } from '../../src/protocol';
import { browserSuite } from './harness/suite';

describe.each(BROWSERS)('hook injection in %s', (browserName) => {
  let strictServer: EchoServer;
  // Registered before browserSuite(): Vitest runs afterAll hooks in reverse, so this server closes after the browsers.
  beforeAll(async () => {
    strictServer = await startEchoServer({
      pages: { '/pages': TEST_PAGES },
      headers: { 'content-security-policy': "script-src 'none'" },
    });
  });
  afterAll(() => strictServer?.close());
  const suite = browserSuite(browserName, { baseline: true });

  it("hooks pages whose CSP is script-src 'none'", async () => {
    const pageUrl = `${strictServer.httpUrl}/pages/csp-strict.html`;
    const page = await suite.session.openPage(pageUrl);
    // The test driver's evaluation is not subject to the page's CSP; page scripts are.
    await page.evaluate((url) => {
      const ws = new WebSocket(url);
      ws.onopen = () => ws.send('under strict csp');
      ws.onmessage = () => ws.close(1000, 'csp');
    }, `${strictServer.url}/`);
    const { events } = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    const frames = events.flatMap((e) =>
      e.type === 'frame' && e.payload.kind === 'text' ? [`${e.direction} ${e.payload.text}`] : [],
    );
    expect(frames).toEqual(['out under strict csp', 'in under strict csp']);
    await page.close();
  });

  it('discovers a socket created before the hook ran on its first send, with exact payloads', async () => {
    // A browser without the extension: the page makes a socket, then the built hook is
    // evaluated in the page (as if injected late) and listened to on its secret channel.
    const hookSource = await readFile(path.join(DIST_CHROME, 'hook.js'), 'utf8');
    const channel = /"(ss-[0-9a-f]{16})"/.exec(hookSource)?.[1]; // the capture channel (commands use sc-)
    expect(channel).toBeDefined();
    const page = await suite.baseline.openPage(`${suite.server.httpUrl}/pages/csp-strict.html`);
    await page.evaluate(
      ({ url }) =>
        new Promise<void>((resolve) => {
          const ws = new WebSocket(url);
          (window as unknown as { early: WebSocket }).early = ws;
          ws.onopen = () => resolve();
        }),
      { url: `${suite.server.url}/` },
    );
    await page.evaluate(
      ({ source, channel }) => {
        const seen: unknown[] = [];
        (window as unknown as { seen: unknown[] }).seen = seen;
        window.addEventListener(channel, (e) => {
          // The hook's batch has no prototype (so no iterator): read it by index.
          const batch = (e as CustomEvent<unknown[]>).detail;
          for (let i = 0; i < batch.length; i++) seen.push(batch[i]);
        });
        // Indirect eval: runs the hook's IIFE in the page's global scope, as the browser would.
        (0, eval)(source);
        const ws = (window as unknown as { early: WebSocket }).early;
        ws.send('late send');
        ws.send(new Uint8Array([7, 8, 9]));
      },
      { source: hookSource, channel: channel! },
    );
    // A batch is its events' fields one after another; an event is [type, socketId, time, ...],
    // a frame [..., direction, data, mark].
    const seen = (await page.waitFor(async () => {
      const fields = await page.evaluate(
        () =>
          ((window as unknown as { seen: unknown[] }).seen ?? []).map((part) =>
            part instanceof ArrayBuffer
              ? Array.from(new Uint8Array(part))
              : part instanceof Blob
                ? 'Blob'
                : // The hook's arrays have no prototype, which Firefox's BiDi cannot serialize.
                  Array.isArray(part)
                  ? Array.prototype.slice.call(part)
                  : part,
          ),
        null,
      );
      const events: unknown[][] = [];
      forEachHookEvent(fields, (type, start) => events.push(fields.slice(start, start + FIELDS[type].length)));
      return events.length >= 5 ? events : null;
    }, null)) as readonly (readonly unknown[])[];
    const socketId = seen[0]![1];
    expect(seen.every((e) => e[1] === socketId && typeof e[2] === 'number')).toBe(true);
    expect(seen.map(([type, , , ...rest]) => [type, ...rest])).toEqual([
      ['created', `${suite.server.url}/`, [], `${suite.server.httpUrl}/pages/csp-strict.html`, expect.any(String)],
      ['frame', 'out', 'late send', undefined],
      ['frame', 'out', [7, 8, 9], undefined],
      ['frame', 'in', 'late send', undefined],
      ['frame', 'in', 'Blob', undefined], // no mark: the frame passed untouched
    ]);
    await page.close();
  });

  it("applies a replace rule without reading the page's RegExp.prototype", async () => {
    // As above, the built hook evaluated in a page without the extension; its command channel
    // (sc-) takes the rule the relay would send. RegExp.prototype[Symbol.replace] reads a regex's
    // `flags` and `exec`, and a page can redefine both on RegExp.prototype.
    const hookSource = await readFile(path.join(DIST_CHROME, 'hook.js'), 'utf8');
    const capture = /"(ss-[0-9a-f]{16})"/.exec(hookSource)?.[1];
    const command = /"(sc-[0-9a-f]{16})"/.exec(hookSource)?.[1];
    expect([capture, command].every(Boolean)).toBe(true);
    const page = await suite.baseline.openPage(`${suite.server.httpUrl}/pages/csp-strict.html`);
    const result = await page.evaluate(
      ({ source, capture, command, url }) =>
        new Promise<{ echo: string; reads: string[] }>((resolve) => {
          (0, eval)(source);
          let socketId = '';
          window.addEventListener(capture, (e) => {
            const batch = (e as CustomEvent<unknown[]>).detail;
            if (!socketId && batch[0] === 'created') socketId = batch[1] as string;
          });
          const ws = new WebSocket(url);
          ws.onopen = () => {
            // The created event arrives in the hook's first batch, ~20 ms after it.
            const sendOnceKnown = () => {
              if (!socketId) return void setTimeout(sendOnceKnown, 10); // poll interval
              const rule = { id: 'r1', regex: /a(.)/g, action: { type: 'replace', replacement: '<$1>' } };
              const rules = { [socketId]: { in: [], out: [rule] } };
              window.dispatchEvent(new CustomEvent(command, { detail: { type: 'set-rules', rules } }));
              const reads: string[] = [];
              const proto = RegExp.prototype;
              const exec = Object.getOwnPropertyDescriptor(proto, 'exec')!;
              const flags = Object.getOwnPropertyDescriptor(proto, 'flags')!;
              Object.defineProperty(proto, 'exec', {
                ...exec,
                value(this: RegExp, s: string) {
                  reads.push('exec');
                  return (exec.value as RegExp['exec']).call(this, s);
                },
              });
              Object.defineProperty(proto, 'flags', {
                ...flags,
                get(this: RegExp) {
                  reads.push('flags');
                  return flags.get!.call(this) as string;
                },
              });
              ws.send('xaybaz');
              Object.defineProperty(proto, 'exec', exec);
              Object.defineProperty(proto, 'flags', flags);
              ws.onmessage = (e) => resolve({ echo: e.data as string, reads });
            };
            sendOnceKnown();
          };
        }),
      { source: hookSource, capture: capture!, command: command!, url: `${suite.server.url}/` },
    );
    expect(result).toEqual({ echo: 'x<y>b<z>', reads: [] });
    await page.close();
  });
});
