import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { SCREENSHOTS } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
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
});
