import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server.mjs';
import { DIST_CHROME, TEST_PAGES } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { BROWSERS, launch, type ExtensionSession } from './harness/session';

describe.each(BROWSERS)('hook injection in %s', (browserName) => {
  let server: EchoServer;
  let strictServer: EchoServer;
  let withHook: ExtensionSession;
  let plain: ExtensionSession;

  beforeAll(async () => {
    server = await startEchoServer({ pages: { '/pages': TEST_PAGES } });
    strictServer = await startEchoServer({ pages: { '/pages': TEST_PAGES }, headers: { 'content-security-policy': "script-src 'none'" } });
    [withHook, plain] = await Promise.all([launch(browserName), launch(browserName, { withExtension: false })]);
  });
  afterAll(async () => {
    await Promise.all([withHook?.close(), plain?.close()]);
    await Promise.all([server?.close(), strictServer?.close()]);
  });

  it("hooks pages whose CSP is script-src 'none'", async () => {
    const pageUrl = `${strictServer.httpUrl}/pages/csp-strict.html`;
    const page = await withHook.openPage(pageUrl);
    // The test driver's evaluation is not subject to the page's CSP; page scripts are.
    await page.evaluate((url) => {
      const ws = new WebSocket(url);
      ws.onopen = () => ws.send('under strict csp');
      ws.onmessage = () => ws.close(1000, 'csp');
    }, `${strictServer.url}/`);
    const { events } = await waitForCapture(withHook, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    const frames = events.flatMap((e) => (e.type === 'frame' && e.payload.kind === 'text' ? [`${e.direction} ${e.payload.text}`] : []));
    expect(frames).toEqual(['out under strict csp', 'in under strict csp']);
    await page.close();
  });

  it('discovers a socket created before the hook ran on its first send, with exact payloads', async () => {
    // A browser without the extension: the page makes a socket, then the built hook is
    // evaluated in the page (as if injected late) and listened to on its secret channel.
    const hookSource = await readFile(path.join(DIST_CHROME, 'hook.js'), 'utf8');
    const channel = /"(ss-[0-9a-f]{24})"/.exec(hookSource)?.[1];
    expect(channel).toBeDefined();
    const page = await plain.openPage(`${server.httpUrl}/pages/csp-strict.html`);
    await page.evaluate(
      ({ url }) =>
        new Promise<void>((resolve) => {
          const ws = new WebSocket(url);
          (window as unknown as { early: WebSocket }).early = ws;
          ws.onopen = () => resolve();
        }),
      { url: `${server.url}/` },
    );
    await page.evaluate(
      ({ source, channel }) => {
        const seen: unknown[] = [];
        (window as unknown as { seen: unknown[] }).seen = seen;
        window.addEventListener(channel, (e) => {
          for (const event of (e as CustomEvent).detail) seen.push(event);
        });
        // Indirect eval: runs the hook's IIFE in the page's global scope, as the browser would.
        (0, eval)(source);
        const ws = (window as unknown as { early: WebSocket }).early;
        ws.send('late send');
        ws.send(new Uint8Array([7, 8, 9]));
      },
      { source: hookSource, channel: channel! },
    );
    const seen = (await page.waitFor(
      async () => {
        const events = await page.evaluate(
          () =>
            ((window as unknown as { seen: Record<string, unknown>[] }).seen ?? []).map((e) => ({
              ...e,
              data: typeof e.data === 'string' ? e.data : e.data instanceof ArrayBuffer ? Array.from(new Uint8Array(e.data)) : undefined,
              time: typeof e.time,
            })),
          null,
        );
        return events.length >= 5 ? events : null;
      },
      null,
    )) as Record<string, unknown>[];
    const socketId = seen[0]!.socketId;
    expect(seen.map(({ type, direction, data, url, protocols }) => ({ type, direction, data, url, protocols }))).toEqual([
      { type: 'created', direction: undefined, data: undefined, url: `${server.url}/`, protocols: [] },
      { type: 'frame', direction: 'out', data: 'late send', url: undefined, protocols: undefined },
      { type: 'frame', direction: 'out', data: [7, 8, 9], url: undefined, protocols: undefined },
      { type: 'frame', direction: 'in', data: 'late send', url: undefined, protocols: undefined },
      { type: 'frame', direction: 'in', data: undefined, url: undefined, protocols: undefined }, // a Blob
    ]);
    expect(seen.every((e) => e.socketId === socketId && e.time === 'number')).toBe(true);
    await page.close();
  });
});
