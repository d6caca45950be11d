import { describe, expect, it } from 'vitest';
import { captureOf } from './harness/capture';
import { BROWSERS, type ExtensionSession } from './harness/session';
import { browserSuite } from './harness/suite';

/** Runs test/e2e/pages/conformance.js and returns its results (JSON written into #results). */
async function runConformance(
  session: ExtensionSession,
  url: string,
): Promise<{ results: Record<string, unknown>; close(): Promise<void> }> {
  const page = await session.openPage(url);
  const text = await page.waitFor(
    () => page.evaluate(() => document.getElementById('results')?.textContent ?? '', null),
    null,
    30_000,
  );
  return { results: JSON.parse(text), close: () => page.close() };
}

describe.each(BROWSERS)('the hook is invisible to pages in %s', (browserName) => {
  const suite = browserSuite(browserName, { baseline: true });

  it('gives identical results for constructor, prototype, toString, events, errors and globals', async () => {
    const url = `${suite.server.httpUrl}/pages/conformance.html`;
    const [withRun, withoutRun] = await Promise.all([
      runConformance(suite.session, url),
      runConformance(suite.baseline, url),
    ]);
    const [hooked, native] = [withRun.results, withoutRun.results];
    // Sanity: the suite really ran the checks it claims to.
    expect(Object.keys(native).length).toBeGreaterThan(35);
    expect(native['events']).toBeDefined();
    for (const key of Object.keys(native)) expect({ [key]: hooked[key] }).toEqual({ [key]: native[key] });
    expect(Object.keys(hooked).sort()).toEqual(Object.keys(native).sort());

    // And the hook really was there: it captured the conformance page's sockets.
    const capture = await captureOf(suite.session, url);
    expect(capture?.events.filter((e) => e.type === 'created').length).toBeGreaterThan(10);
    await Promise.all([withRun.close(), withoutRun.close()]);
  });
});
