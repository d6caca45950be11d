import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './harness/browsers';
import { BROWSERS, launch } from './harness/session';
import { browserSuite } from './harness/suite';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { UiPage } from './harness/ui-page';
import { captureDownloads, chooseFile, connect, filterDirection, filterType, send } from './popup-helpers';

/** A message of a HAR entry's _webSocketMessages. */
type HarMessage = { type: string; opcode: number; data: string; time: number };

describe.each(BROWSERS)('popup log in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('counts all 10,000 frames of a burst, again when reopened, and a lower log limit shows the dropped count', async () => {
    let popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/burst?count=10000`);
    await popup.waitForText('status', 'Counters', /^↑ 0 frames, 0 B · ↓ 10,000 frames, 96\.6 KiB · /, 30_000);
    await popup.waitForText('grid', 'Frames', 'burst 10000');
    // Reopened: the log (10,002 entries, more than one message may carry) comes back whole.
    await popup.close();
    popup = await suite.session.openExtensionPage('popup.html');
    await popup.waitForText('status', 'Counters', /^↑ 0 frames, 0 B · ↓ 10,000 frames, 96\.6 KiB · /, 30_000);
    await popup.waitForText('grid', 'Frames', 'burst 10000');
    // ↑ walks back through the log and the list keeps the selected entry in view.
    await popup.click('row', /burst 10000$/);
    for (let i = 0; i < 40; i++) await popup.press('ArrowUp');
    const inView = () =>
      popup.evaluate(() => {
        const selected = document.querySelector('[role=grid] [role=row][aria-selected=true]')!;
        const row = selected.getBoundingClientRect();
        const list = document.querySelector('[role=grid]')!.getBoundingClientRect();
        return {
          text: selected.textContent,
          inside: row.top >= list.top && row.bottom <= list.bottom,
        };
      }, null);
    expect(await inView()).toEqual({ text: expect.stringMatching(/burst 9960$/), inside: true });
    await popup.fill('textbox', 'Log limit (frames)', '1000');
    await popup.click('button', 'Set limit');
    await popup.waitForText('status', 'Dropped entries', '9,000 entries dropped (log limit 1,000 reached)');
    await popup.waitForText('status', 'Counters', /^↑ 0 frames, 0 B · ↓ 1,000 frames, /);
    await popup.click('button', 'Clear log');
    await popup.waitForText('status', 'Counters', /^↑ 0 frames, 0 B · ↓ 0 frames, 0 B/);
    expect(await popup.exists('status', 'Dropped entries')).toBe(false);
    await popup.close();
  });

  it('filters by text, regex, direction and type', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/`);
    for (const m of ['alpha', 'beta', 'alphabet']) {
      await send(popup, m);
      await popup.waitForText('grid', 'Frames', new RegExp(`↓ Received \\S+ ${m.length} B text ${m}`));
    }
    await popup.fill('textbox', 'Filter', 'ALPHA');
    const rows = async () =>
      (await popup.text('grid', 'Frames'))
        .match(/(↑ Sent|↓ Received) \S+ \d+ B text \w+/g)
        ?.map((r) => r.replace(/ \S+ \d+ B text/, '')) ?? [];
    await popup.waitFor(async () => (await rows()).length === 4, null);
    expect(await rows()).toEqual(['↑ Sent alpha', '↓ Received alpha', '↑ Sent alphabet', '↓ Received alphabet']);
    await filterDirection(popup, 'in');
    await popup.waitFor(async () => (await rows()).length === 2, null);
    expect(await rows()).toEqual(['↓ Received alpha', '↓ Received alphabet']);
    await popup.click('checkbox', 'Regex');
    await popup.fill('textbox', 'Filter', '^alpha$');
    await popup.waitFor(async () => (await rows()).length === 1, null);
    expect(await rows()).toEqual(['↓ Received alpha']);
    await popup.fill('textbox', 'Filter', '(');
    expect(await popup.waitForText('alert', null, 'Invalid regular expression: ')).toMatch(
      /^Invalid regular expression: .+/,
    );
    await popup.fill('textbox', 'Filter', '');
    await filterType(popup, 'binary');
    await popup.waitFor(async () => (await rows()).length === 0, null);
    await popup.close();
  });

  it('exports JSON and HAR, imports the HAR and replays its sent messages, exact bytes', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    const downloads = await captureDownloads(popup);
    await connect(popup, `${suite.server.url}/`);
    await send(popup, 'replay me');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 9 B text replay me/);
    await popup.click('radio', 'Message format: Hex');
    await send(popup, '00 ff 10');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 3 B binary 00 ff 10/);
    await popup.click('button', 'Export JSON');
    await popup.click('button', 'Export HAR');
    // Each file is written once its module has loaded and its Blob is read: in no set order.
    const files = (await downloads(2))!;
    const json = files.find((f) => f.includes('"socket-scope-log"'));
    const harText = files.find((f) => f.includes('"_webSocketMessages"'));
    expect(JSON.parse(json!)).toMatchObject({
      format: 'socket-scope-log',
      version: 1,
      sockets: [{ url: `${suite.server.url}/` }],
    });
    const har = JSON.parse(harText!);
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0]).toMatchObject({
      _resourceType: 'websocket',
      request: { url: `${suite.server.url}/` },
      response: { status: 101 },
    });
    expect(har.log.entries[0]._webSocketMessages.map((m: HarMessage) => [m.type, m.opcode, m.data])).toEqual([
      ['send', 1, 'replay me'],
      ['receive', 1, 'replay me'],
      ['send', 2, 'AP8Q'],
      ['receive', 2, 'AP8Q'],
    ]);
    expect(
      har.log.entries[0]._webSocketMessages.every((m: HarMessage) => Math.abs(m.time * 1000 - Date.now()) < 120_000),
    ).toBe(true);

    await connect(popup, `${suite.server.url}/replayed`);
    await chooseFile(suite.session, popup, 'Import a JSON or HAR log', 'session.har', Buffer.from(harText!));
    await popup.click('button', 'Replay 2 sent messages');
    const log = await popup.waitForText('grid', 'Frames', /↓ Received \S+ 3 B binary 00 ff 10/);
    expect(log).toMatch(/↑ Sent \S+ 9 B text replay me.*↑ Sent \S+ 3 B binary 00 ff 10/);
    expect(log).toMatch(/↓ Received \S+ 9 B text replay me RTT/);
    await chooseFile(
      suite.session,
      popup,
      'Import a JSON or HAR log',
      'bad.har',
      Buffer.from('{"log":{"entries":[]}}'),
    );
    await popup.waitForText('alert', null, 'The HAR file has no WebSocket entries (_webSocketMessages)');
    await popup.close();
  });

  it('screenshots the popup in light and dark', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/`, 'chat');
    await popup.click('radio', 'Message format: JSON');
    await send(popup, '{"id":1,"op":"subscribe","topic":"prices"}');
    await popup.click('radio', 'Message format: Hex');
    await send(popup, 'de ad be ef');
    await popup.waitForText('grid', 'Frames', /4 B binary de ad be ef/);
    await popup.click('row', /B text \{"id":1,"op":"subscribe","topic":"prices"\} RTT/);
    await popup.click('tab', 'JSON');
    // A collapsible tree: the root folds away and opens again.
    const root = '{"id":1,"op":"subscribe","topic":"prices"}';
    expect(await popup.text('group', 'JSON tree')).toBe(`▾ ${root}id: 1op: "subscribe"topic: "prices"`);
    await popup.click('button', `▾ ${root}`);
    await popup.waitForText('group', 'JSON tree', `▸ ${root}`);
    await popup.click('button', `▸ ${root}`);
    await popup.waitForText('group', 'JSON tree', /op: "subscribe"/);
    const shoot = (page: UiPage, scheme: string) =>
      page.screenshot(path.join(SCREENSHOTS, `popup-workbench-${browserName}-${scheme}.png`), 'body');
    await shoot(popup, 'light');
    expect(await backgroundColor(popup)).toBe('rgb(255, 255, 255)');
    await popup.close();

    // Dark: Chromium emulates the media feature; Firefox has no such BiDi command, so a second
    // Firefox runs with a dark theme preference.
    const dark =
      browserName === 'chromium'
        ? suite.session
        : await launch('firefox', {
            firefoxPrefs: { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 },
          });
    try {
      const page = await dark.openExtensionPage('popup.html');
      if (browserName === 'chromium') await (page.raw as PlaywrightPage).emulateMedia({ colorScheme: 'dark' });
      if (browserName === 'firefox') await connect(page, `${suite.server.url}/`, 'chat');
      await page.waitForText('status', 'Connection status', /^Open since/);
      expect(await backgroundColor(page)).toBe('rgb(32, 33, 36)');
      await shoot(page, 'dark');
      await page.close();
    } finally {
      if (dark !== suite.session) await dark.close();
    }
  }, 60_000);
});

const backgroundColor = (page: UiPage) => page.evaluate(() => getComputedStyle(document.body).backgroundColor, null);
