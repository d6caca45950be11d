import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server.mjs';
import { TEST_PAGES } from './harness/browsers';
import { captureOf } from './harness/capture';
import { BROWSERS, launch, type ExtensionSession } from './harness/session';

/** Runs test/e2e/pages/conformance.js and returns its results (JSON written into #results). */
async function runConformance(session: ExtensionSession, url: string): Promise<{ results: Record<string, unknown>; close(): Promise<void> }> {
  const page = await session.openPage(url);
  const text = await page.waitFor(
    () => page.evaluate(() => document.getElementById('results')?.textContent ?? '', null),
    null,
    30_000,
  );
  return { results: JSON.parse(text), close: () => page.close() };
}

describe.each(BROWSERS)('the hook is invisible to pages in %s', (browserName) => {
  let server: EchoServer;
  let withHook: ExtensionSession;
  let withoutHook: ExtensionSession;

  beforeAll(async () => {
    server = await startEchoServer({ pages: { '/pages': TEST_PAGES } });
    [withHook, withoutHook] = await Promise.all([launch(browserName), launch(browserName, { withExtension: false })]);
  });
  afterAll(async () => {
    await Promise.all([withHook?.close(), withoutHook?.close()]);
    await server?.close();
  });

  it('gives identical results for constructor, prototype, toString, events, errors and globals', async () => {
    const url = `${server.httpUrl}/pages/conformance.html`;
    const [withRun, withoutRun] = await Promise.all([runConformance(withHook, url), runConformance(withoutHook, url)]);
    const [hooked, native] = [withRun.results, withoutRun.results];
    // Sanity: the suite really ran the checks it claims to.
    expect(Object.keys(native).length).toBeGreaterThan(35);
    expect(native['events']).toBeDefined();
    for (const key of Object.keys(native)) expect({ [key]: hooked[key] }).toEqual({ [key]: native[key] });
    expect(Object.keys(hooked).sort()).toEqual(Object.keys(native).sort());

    // And the hook really was there: it captured the conformance page's sockets.
    const capture = await captureOf(withHook, url);
    expect(capture?.events.filter((e) => e.type === 'created').length).toBeGreaterThan(10);
    await Promise.all([withRun.close(), withoutRun.close()]);
  });
});
