import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { SCREENSHOTS } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';

describe.each(BROWSERS)('decoded summaries in the panel in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('shows Socket.IO and MQTT frames as messages, chosen by URL and subprotocol, with a Decoded view', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/decoders.html`;
    const page = await suite.session.openPage(pageUrl);
    const { tabId } = await waitForCapture(
      suite.session,
      pageUrl,
      (ev) => ev.filter((e) => e.type === 'frame').length === 6,
    );
    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    const frames = await panel.waitForText('grid', 'Frames', /PUBLISH sensors\/1 qos1/);
    expect(frames).toMatch(/EVENT chat:message \["hi"\]/);
    expect(frames.match(/PUBLISH sensors\/1 qos1/g)).toHaveLength(2);

    await panel.click('gridcell', /EVENT chat:message/);
    await panel.click('tab', 'Decoded');
    const details = await panel.waitForText('region', 'Details', /Socket\.IO/i);
    expect(details).toContain('chat:message');
    await panel.screenshot(path.join(SCREENSHOTS, `panel-decoded-${browserName}.png`));

    // Decode as "Text" by hand: that socket's rows go back to the raw payload; MQTT is untouched.
    await panel.evaluate(() => {
      const select = [...document.querySelectorAll('select')].find((s) =>
        s.closest('label')?.textContent?.startsWith('Decode as'),
      )!;
      select.value = 'text';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, null);
    const raw = await panel.waitForText('grid', 'Frames', /42\["chat:message","hi"\]/);
    expect(raw).not.toMatch(/EVENT chat:message/);
    expect(raw.match(/PUBLISH sensors\/1 qos1/g)).toHaveLength(2);
    await panel.close();
    await page.close();
  });

  it('shows JSON nested in a string as its own tree', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/decoders.html?nested`;
    const page = await suite.session.openPage(pageUrl);
    const { tabId } = await waitForCapture(
      suite.session,
      pageUrl,
      (ev) => ev.filter((e) => e.type === 'frame').length === 6,
    );
    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.click('row', /↑ Sent.*"event":"update"/);
    await panel.click('tab', 'JSON');
    const details = await panel.waitForText('region', 'Details', /JSON inside the string at \/data/);
    expect(details).toMatch(/price: 12\.5/);
    expect(details).toMatch(/sym: "ACME"/);
    await panel.close();
    await page.close();
  });
});
