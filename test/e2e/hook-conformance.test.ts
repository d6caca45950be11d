import { describe, expect, it } from 'vitest';
import type { SocketEvent } from '../../src/protocol';
import { waitForCapture } from './harness/capture';
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
  return { results: JSON.parse(text) as Record<string, unknown>, close: () => page.close() };
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
    // Soft: a failing run lists every check that differs, not only the first.
    for (const key of Object.keys(native)) expect.soft({ [key]: hooked[key] }).toEqual({ [key]: native[key] });
    expect(Object.keys(hooked).sort()).toEqual(Object.keys(native).sort());

    // And the hook really was there: it captured the conformance page's sockets.
    const conversionOf = (events: SocketEvent[]) =>
      events.find((e) => e.type === 'created' && e.url.endsWith('?conversion'))?.socketId;
    const { events } = await waitForCapture(suite.session, url, (all) =>
      all.some((e) => e.type === 'close' && e.socketId === conversionOf(all)),
    );
    expect(events.filter((e) => e.type === 'created').length).toBeGreaterThan(10);
    // What it captured of send's converted arguments is what the native sent: the echo server
    // sent back the same frames (lone surrogates already replaced by U+FFFD; no refused value).
    const conversion = conversionOf(events);
    const frames = (direction: 'in' | 'out') =>
      events.flatMap((e) =>
        e.type === 'frame' && e.socketId === conversion && e.direction === direction
          ? [e.payload.kind === 'text' ? e.payload.text : `binary ${e.payload.base64}`]
          : [],
      );
    expect(frames('out')).toEqual(frames('in'));
    expect(frames('out')).toEqual([
      'from toString',
      'from toPrimitive',
      '[object Object]',
      '\ufffd lone high surrogate',
      '\ufffd lone low surrogate',
      'null',
      'undefined',
      '12.5',
      'false',
      '10',
      'binary ', // a detached buffer: an empty frame
      'binary AQID',
      `binary ${btoa('blob text')}`,
      'end',
    ]);
    await Promise.all([withRun.close(), withoutRun.close()]);
  });
});
