import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { SCREENSHOTS } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { openLongLivedPage } from './harness/long-lived-page';
import { browserSuite } from './harness/suite';

describe.each(BROWSERS)('panel as a page in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('lists the socket of the inspected tab and its frames', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/hook-basic.html`;
    const page = await suite.session.openPage(pageUrl);
    const { tabId } = await waitForCapture(suite.session, pageUrl, (events) => events.some((e) => e.type === 'close'));

    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.waitForText('listbox', 'Sockets (1)', `${suite.server.url}/`);
    const socketText = await panel.text('listbox', 'Sockets (1)');
    expect(socketText).toContain('closed · ↑2 11 B · ↓2 11 B');
    expect(socketText).toContain('close 1000 Normal closure “done”');
    const frames = await panel.waitForText('grid', 'Frames', /■ Closed/);
    const rows = frames.match(/(↑ Sent|↓ Received) \S+ [+-]\d+\.\d{3} s \d+ B (text|binary) [^↑↓■●]*/g) ?? [];
    expect(rows.map((r) => r.replace(/ \d{2}:\d{2}:\d{2}\.\d{3} \+\d+\.\d{3} s /, ' ').trim())).toEqual([
      '↑ Sent 5 B text hello',
      '↑ Sent 6 B binary 00 01 02 7f 80 ff',
      '↓ Received 5 B text hello',
      '↓ Received 6 B binary 00 01 02 7f 80 ff',
    ]);
    expect(frames).toContain('1000 Normal closure — “done”');
    await panel.screenshot(path.join(SCREENSHOTS, `panel-${browserName}.png`));
    await panel.close();
    await page.close();
  });

  it('follows new frames while at the bottom, and stays where the user went otherwise', async () => {
    const { page, pageUrl, roundTrips } = await openLongLivedPage(suite, 'follow');
    /** Whether a row holding `text` is in the grid's visible area (rendered rows can be scrolled out of it). */
    const rowInView = (text: string) =>
      panel.evaluate((t) => {
        const grid = document.querySelector('[role=grid]')!.getBoundingClientRect();
        return [...document.querySelectorAll('[role=row]')].some((row) => {
          const r = row.getBoundingClientRect();
          return row.textContent.includes(t) && r.top >= grid.top && r.bottom <= grid.bottom;
        });
      }, text);
    await roundTrips(0, 60); // 120 frames: far more rows than the table shows
    const { tabId } = await waitForCapture(suite.session, pageUrl, (ev) => ev.length === 122);
    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    expect(await panel.waitForText('grid', 'Frames', /message 59/)).not.toContain('Connecting');
    await panel.waitFor(() => rowInView('message 59'), null);

    await roundTrips(60, 61);
    await panel.waitFor(() => rowInView('message 60'), null);

    await panel.click('row', /message 59/);
    await panel.press('Home'); // to the first row: the table no longer follows
    await panel.waitFor(() => rowInView('● Connecting'), null);
    await roundTrips(61, 62);
    await panel.waitForText('status', 'Capture status', /^126 events/);
    expect(await panel.text('grid', 'Frames')).not.toContain('message 61');
    expect(await rowInView('● Connecting')).toBe(true);

    await panel.press('End'); // back to the newest row: it follows again
    await roundTrips(62, 63);
    await panel.waitFor(() => rowInView('message 62'), null);
    await panel.close();
    await page.close();
  });
});
