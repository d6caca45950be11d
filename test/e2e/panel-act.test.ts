import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { SCREENSHOTS } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import type { UiPage } from './harness/ui-page';

/** The page's own log: what its listeners saw. */
const pageLog = (page: UiPage) => page.evaluate(() => document.getElementById('log')!.textContent ?? '', null);
const waitForPageLog = (page: UiPage, expected: string) =>
  page
    .waitFor(async () => ((await pageLog(page)).includes(expected) ? true : null), null)
    .catch(async () => {
      throw new Error(`page log never showed ${JSON.stringify(expected)}: ${JSON.stringify(await pageLog(page))}`);
    });

describe.each(BROWSERS)('acting on page sockets from the panel in %s', (browserName) => {
  const suite = browserSuite(browserName);
  let page: UiPage;
  let panel: UiPage;
  let pageUrl: string;

  beforeAll(async () => {
    pageUrl = `${suite.server.httpUrl}/pages/act-target.html`;
    page = await suite.session.openPage(pageUrl);
    await waitForPageLog(page, 'open');
    const { tabId } = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'open'));
    panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.click('option', new RegExp(`^${suite.server.url}/`));
    await panel.click('button', 'Act');
  });

  it('sends to the server from the panel: the echo reaches the page, the frame is marked', async () => {
    await panel.fill('textbox', 'Message', 'hello from panel');
    await panel.click('button', 'Send to server');
    await waitForPageLog(page, 'recv hello from panel');
    await panel.waitForText('grid', 'Frames', /sent from panel/);
  });

  it('fakes an incoming message: the page listeners get it, the server never saw it', async () => {
    await panel.fill('textbox', 'Message', 'faked <img src=x onerror=alert(1)>');
    await panel.click('button', 'Fake incoming');
    await waitForPageLog(page, 'recv faked <img src=x onerror=alert(1)>');
    await panel.waitForText('grid', 'Frames', /faked/);
    // Rendered as text: no element was created from the payload.
    expect(await panel.evaluate(() => document.querySelectorAll('img').length, null)).toBe(0);
  });

  it('fakes binary from hex with exact bytes', async () => {
    await panel.click('radio', 'Message format: Hex');
    await panel.fill('textbox', 'Message', '00 01 fe ff');
    await panel.click('button', 'Fake incoming');
    await waitForPageLog(page, 'recv bytes 0,1,254,255');
  });

  it('blocks, replaces (with capture groups) and delays frames by rule, with hit counts', async () => {
    const setSelect = (label: string, value: string) =>
      panel.evaluate(
        ([l, v]) => {
          const select = [...document.querySelectorAll('select')].find((s) =>
            s.closest('label')?.textContent?.startsWith(l!),
          )!;
          select.value = v!;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        },
        [label, value],
      );
    // Block incoming frames that start with "secret".
    await setSelect('Direction', 'in');
    await panel.fill('textbox', 'Pattern (regex)', '^secret');
    await setSelect('Action', 'block');
    await panel.click('button', 'Add rule');
    // Rewrite outgoing "ping <word>" to "pong <word>".
    await setSelect('Direction', 'out');
    await panel.fill('textbox', 'Pattern (regex)', '^ping (\\w+)$');
    await setSelect('Action', 'replace');
    await panel.fill('textbox', 'Replacement ($1 for groups)', 'pong $1');
    await panel.click('button', 'Add rule');
    // Delay incoming "slow" frames by 400 ms.
    await setSelect('Direction', 'in');
    await panel.fill('textbox', 'Pattern (regex)', '^slow');
    await setSelect('Action', 'delay');
    await panel.fill('spinbutton', 'Delay (ms)', '400');
    await panel.click('button', 'Add rule');
    await panel.waitForText('list', 'Active rules', /delay 400 ms/);

    await page.evaluate(() => {
      const send = (window as unknown as { sendFromPage(t: string): void }).sendFromPage;
      send('secret 1');
      send('ping abc');
      send('slow 1');
      send('fast 2');
    }, null);
    await waitForPageLog(page, 'recv slow 1');
    const log = await pageLog(page);
    expect(log).not.toContain('secret 1');
    expect(log).toContain('recv pong abc');
    expect(log).not.toContain('recv ping abc');
    // The delayed frame arrived after the one sent behind it.
    expect(log.indexOf('recv fast 2')).toBeLessThan(log.indexOf('recv slow 1'));
    const rules = await panel.waitForText('list', 'Active rules', /1 hit .*1 hit .*1 hit /s);
    expect(rules).toMatch(/block/);
    await panel.waitForText('grid', 'Frames', /blocked by rule r1/);
    await panel.waitForText('grid', 'Frames', /replaced by rule r2/);
    await panel.waitForText('grid', 'Frames', /delayed 400 ms by rule r3/);
  });

  it('simulates the server closing the socket with a chosen code and reason', async () => {
    await panel.fill('spinbutton', 'Close code', '4001');
    await panel.fill('textbox', 'Close reason', 'server said bye');
    await panel.click('button', 'Simulate close');
    await waitForPageLog(page, 'close 4001 server said bye true');
    await panel.screenshot(path.join(SCREENSHOTS, `panel-act-${browserName}.png`));
  });
});
