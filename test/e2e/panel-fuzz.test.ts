import { describe, expect, it } from 'vitest';
import { watchMainThread } from '../../bench/frame-gaps';
import { waitForCaptureSummary } from './harness/capture';
import { damage, NO_DAMAGE, watchForDamage } from './harness/page-damage';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';

const VIEWS = ['Decoded', 'Text', 'JSON', 'Hex', 'Base64'];

describe.each(BROWSERS)('hostile payloads through every panel view in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('renders thousands of generated payloads as text: no script runs, no exception escapes, no freeze', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/fuzz.html`;
    const page = await suite.session.openPage(pageUrl);
    await page.waitFor(
      () => page.evaluate(() => document.getElementById('log')!.textContent.includes('done'), null),
      null,
      60_000,
    );
    const summary = await waitForCaptureSummary(suite.session, pageUrl, (s) => s.frames === 2 * 2005, 60_000);

    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${summary.tabId}`);
    await watchForDamage(panel);
    await panel.waitForText('status', 'Capture status', /4,01\d events/, 60_000);

    const { gapMs: gap } = await watchMainThread(panel, async () => {
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

    expect(await damage(panel)).toEqual(NO_DAMAGE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0, null)).toBe(0);
    // Responsive: no single task blocked the panel for a second, even on the 16 MiB frame.
    expect(gap).toBeLessThan(1_000);
    await panel.close();
    await page.close();
  }, 240_000);
});
