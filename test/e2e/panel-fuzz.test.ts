import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longestFrameGap } from '../../bench/frame-gaps';
import { startEchoServer, type EchoServer } from '../../server/echo-server.mjs';
import { TEST_PAGES } from './harness/browsers';
import { waitForCaptureSummary } from './harness/capture';
import { BROWSERS, launch, type ExtensionSession } from './harness/session';
import type { UiPage } from './harness/ui-page';

const VIEWS = ['Decoded', 'Text', 'JSON', 'Hex', 'Base64'];

/** What must never happen in an extension page, read from inside it. */
async function damage(panel: UiPage) {
  return panel.evaluate(
    () => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
      errors: (window as unknown as { errorsSeen?: number }).errorsSeen ?? 0,
      images: document.querySelectorAll('img').length,
      svgs: document.querySelectorAll('svg [onload], svg[onload]').length,
      scripts: [...document.scripts].filter((s) => !/\/(panel|popup)\.js$|chunks\//.test(s.src)).length,
    }),
    null,
  );
}

describe.each(BROWSERS)('hostile payloads through every panel view in %s', (browserName) => {
  let server: EchoServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await startEchoServer({ pages: { '/pages': TEST_PAGES } });
    session = await launch(browserName);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('renders thousands of generated payloads as text: no script runs, no exception escapes, no freeze', async () => {
    const pageUrl = `${server.httpUrl}/pages/fuzz.html`;
    const page = await session.openPage(pageUrl);
    await page.waitFor(() => page.evaluate(() => document.getElementById('log')!.textContent!.includes('done'), null), null, 60_000);
    const summary = await waitForCaptureSummary(session, pageUrl, (s) => s.frames === 2 * 2005, 60_000);

    const panel = await session.openExtensionPage(`panel.html?tabId=${summary.tabId}`);
    await panel.evaluate(() => {
      const w = window as unknown as { errorsSeen: number; errorMessages: string[] };
      w.errorsSeen = 0;
      w.errorMessages = [];
      window.addEventListener('error', (e) => {
        w.errorsSeen++;
        if (w.errorMessages.length < 5) w.errorMessages.push(`${e.message} ${e.error?.stack ?? ''}`.slice(0, 600));
      });
      window.addEventListener('unhandledrejection', (e) => {
        w.errorsSeen++;
        if (w.errorMessages.length < 5) w.errorMessages.push(String(e.reason?.stack ?? e.reason).slice(0, 600));
      });
    }, null);
    await panel.waitForText('status', 'Capture status', /4,01\d events/, 60_000);

    const gap = await longestFrameGap(panel, async () => {
      // Every view of a spread of rows: from the first row, a page further each time, by keyboard.
      await panel.click('checkbox', 'Lifecycle'); // frames only: lifecycle rows have no payload views
      await panel.click('grid', 'Frames');
      await panel.press('Home');
      for (let step = 0; step < 12; step++) {
        for (const view of VIEWS) {
          await panel.click('tab', view);
          await panel.waitForText('region', 'Details', /\S/);
        }
        await panel.click('grid', 'Frames');
        for (let k = 0; k < 1 + step * 3; k++) await panel.press('PageDown');
      }
      // The extreme frames, found with the filter: nesting, a huge line, invalid UTF-8, 16 MiB.
      for (const [filter, size] of [
        ['[[[[[[[[', null],
        ['{"a":{"a"', null],
        ['AAAAAAAAAAAA', null],
        ['', '10'],
        ['', '16 MiB'],
      ] as const) {
        await panel.fill('textbox', 'Filter', filter);
        await panel.fill('textbox', 'Min size', size ?? '');
        await panel.click('grid', 'Frames');
        await panel.press('End');
        for (const view of VIEWS) {
          await panel.click('tab', view);
          await panel.waitForText('region', 'Details', /\S/);
        }
      }
    });

    const seen = await damage(panel);
    if (seen.errors > 0) console.error(await panel.evaluate(() => (window as unknown as { errorMessages: string[] }).errorMessages, null));
    expect(seen).toEqual({ pwned: 0, errors: 0, images: 0, svgs: 0, scripts: 0 });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0, null)).toBe(0);
    // Responsive: no single task blocked the panel for a second, even on the 16 MiB frame.
    expect(gap).toBeLessThan(1_000);
    await panel.close();
    await page.close();
  }, 240_000);
});
