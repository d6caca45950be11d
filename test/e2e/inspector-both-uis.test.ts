import { beforeAll, describe, expect, it } from 'vitest';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import type { UiPage } from './harness/ui-page';
import { connect, filterType, send, setChecked } from './popup-helpers';

/**
 * One inspector serves the popup and the panel: the same frames, through the same filter and
 * the same detail, must read the same in both. The page (pages/hook-basic.html) and the popup
 * each send "hello" and the bytes 00 01 02 7f 80 ff to the echo server.
 */
const dataCells = (ui: UiPage) =>
  ui.evaluate(
    () =>
      [...document.querySelectorAll('[role=grid][aria-label=Frames] [role=row]:not(.frow-head) .fcell-data')].map(
        (cell) => cell.textContent ?? '',
      ),
    null,
  );

async function filterBy(ui: UiPage, text: string, options: { regex: boolean; matchCase: boolean }) {
  await setChecked(ui, 'Regex', options.regex);
  await setChecked(ui, 'Match case', options.matchCase);
  await ui.fill('textbox', 'Filter', text);
}

describe.each(BROWSERS)('the same inspector in the popup and the panel, %s', (browserName) => {
  const suite = browserSuite(browserName);
  let popup: UiPage;
  let panel: UiPage;

  beforeAll(async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/hook-basic.html`;
    await suite.session.openPage(pageUrl);
    const { tabId } = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.waitForText('grid', 'Frames', /1000 Normal closure/);

    popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/`);
    await send(popup, 'hello');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 5 B text hello/);
    await popup.click('radio', 'Message format: Hex');
    await send(popup, '00 01 02 7f 80 ff');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 6 B binary 00 01 02 7f 80 ff/);
  });

  it('filters by text, regex and case to the same rows', async () => {
    const cases = [
      { text: 'HELLO', regex: false, matchCase: false, rows: ['hello', 'hello'] },
      { text: 'HELLO', regex: false, matchCase: true, rows: [] },
      { text: '^hel+o$', regex: true, matchCase: false, rows: ['hello', 'hello'] },
      { text: '7f 80', regex: false, matchCase: false, rows: ['00 01 02 7f 80 ff', '00 01 02 7f 80 ff'] },
    ];
    for (const { text, rows, ...options } of cases) {
      for (const ui of [popup, panel]) {
        await filterBy(ui, text, options);
        await ui.waitFor(async () => JSON.stringify(await dataCells(ui)) === JSON.stringify(rows), null);
      }
    }
    for (const ui of [popup, panel]) await filterBy(ui, '', { regex: false, matchCase: false });
  });

  it('shows a binary frame with invalid UTF-8 the same way in both details', async () => {
    const payloads: string[] = [];
    for (const ui of [popup, panel]) {
      await filterType(ui, 'binary');
      await ui.click('row', /↓ Received.*binary 00 01 02 7f 80 ff/);
      await ui.click('tab', 'Text');
      payloads.push(await ui.text('document', 'Payload'));
      await ui.click('tab', 'Hex');
      payloads.push(await ui.text('document', 'Payload'));
      await filterType(ui, 'all');
    }
    expect(payloads[0]).toContain('\\x80');
    expect(payloads[1]).toMatch(/00 01 02 7f 80 ff/);
    expect(payloads.slice(2)).toEqual(payloads.slice(0, 2));
  });
});
