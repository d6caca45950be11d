import { describe, expect, it } from 'vitest';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { openLongLivedPage } from './harness/long-lived-page';
import { browserSuite } from './harness/suite';

describe.each(BROWSERS)('extension reloaded under an open page in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('the page keeps working, with no error thrown into it ("Extension context invalidated")', async () => {
    const { page, pageUrl, roundTrip } = await openLongLivedPage(suite);
    expect(await roundTrip('before')).toBe('before');
    await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'frame' && e.direction === 'in'));

    // The extension goes away under the page (as on an update); the old relay is orphaned.
    await suite.session.background(() => {
      setTimeout(() => (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.reload(), 0);
      return true;
    });

    const echoes = await page.evaluate(async () => {
      const w = window as unknown as { roundTrip(t: string): Promise<string> };
      const out: string[] = [];
      // Spread over a second so that the hook's batches reach the orphaned relay several times.
      for (let i = 0; i < 10; i++) {
        out.push(await w.roundTrip(`after ${i}`));
        await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    }, null);
    expect(echoes).toEqual(Array.from({ length: 10 }, (_, i) => `after ${i}`));
    expect(await page.evaluate(() => (window as unknown as { pageErrors(): number }).pageErrors(), null)).toBe(0);
    await page.close();
  });
});
