import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server.mjs';
import { ARTIFACTS, TEST_PAGES } from './harness/browsers';
import { launchWithDevtools, poll, type DevtoolsBrowser } from './harness/devtools';
import { createUiPage } from './harness/ui-page';

/**
 * Smoke test of the real "WebSockets" panel inside Chromium's DevTools. Showing the panel uses
 * DevTools' own front-end modules (internals): everything else about the panel is
 * tested with panel.html?tabId=N as an ordinary page (panel-page.test.ts).
 */
const LEGACY_MODULE = 'devtools://devtools/bundled/ui/legacy/legacy.js';

/** Runs `body` in the DevTools front-end with `UI` bound to its legacy UI module. */
const inFrontEnd = <T>(frontEnd: Page, body: string): Promise<T> =>
  // A source string, not a function: Vitest would rewrite a dynamic import() in test code.
  frontEnd.evaluate(`import(${JSON.stringify(LEGACY_MODULE)}).then(async (UI) => { ${body} })`) as Promise<T>;

describe('DevTools panel in chromium', () => {
  let server: EchoServer;
  let chromium: DevtoolsBrowser;

  beforeAll(async () => {
    server = await startEchoServer({ pages: { '/pages': TEST_PAGES } });
    chromium = await launchWithDevtools();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('shows the frames a page exchanged before the panel was first shown', async () => {
    const pageUrl = `${server.httpUrl}/pages/hook-basic.html`;
    const page = await chromium.firstTab();
    await page.goto(pageUrl);
    const pageLog = () => page.evaluate(() => document.getElementById('log')!.textContent ?? '');
    await poll('the page to finish its exchange', async () => (await pageLog()).includes('closed 1000 done'));
    expect(await pageLog()).toBe('text hello\nbinary 0,1,2,127,128,255\nclosed 1000 done\n');

    const frontEnd = await chromium.frontEndFor(pageUrl);
    const origin = `chrome-extension://${chromium.extensionId}`;
    // Extension panels are registered once devtools.html has run: wait for ours among the tabs.
    const panelId = await poll('the extension panel to be registered', () =>
      inFrontEnd<string | null>(
        frontEnd,
        `return UI.InspectorView.InspectorView.instance().tabbedPane.tabIds().find((id) => id.startsWith(${JSON.stringify(origin)})) ?? null;`,
      ),
    );
    expect(panelId).toBe(`${origin}WebSockets`);
    // Nothing loaded panel.html so far: the frames below were captured without it.
    expect(frontEnd.frames().some((f) => f.url().startsWith(`${origin}/panel.html`))).toBe(false);
    await inFrontEnd(
      frontEnd,
      `await UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)});`,
    );

    const frame = await poll('the panel iframe', async () =>
      frontEnd.frames().find((f: Frame) => f.url() === `${origin}/panel.html`),
    );
    // Only the evaluate-based reads of UiPage are used: a Frame evaluates like a Page.
    const panel = createUiPage(frame as unknown as Page);
    await panel.waitForText('listbox', 'Sockets (1)', 'close 1000');
    expect(await panel.text('listbox', 'Sockets (1)')).toContain(`${server.url}/`);
    const frames = await panel.waitForText('grid', 'Frames', /■ Closed/);
    const rows = frames.match(/(↑ Sent|↓ Received) \S+ [+-]\d+\.\d{3} s \d+ B (text|binary) [^↑↓■●]*/g) ?? [];
    expect(rows.map((r) => r.replace(/ \d{2}:\d{2}:\d{2}\.\d{3} \+\d+\.\d{3} s /, ' ').trim())).toEqual([
      '↑ Sent 5 B text hello',
      '↑ Sent 6 B binary 00 01 02 7f 80 ff',
      '↓ Received 5 B text hello',
      '↓ Received 6 B binary 00 01 02 7f 80 ff',
    ]);
    expect(frames).toContain('1000 Normal closure — “done”');

    // Undocked, DevTools fill their own window: the screenshot shows the whole panel, readable.
    await inFrontEnd(frontEnd, `UI.DockController.DockController.instance().setDockSide('undocked');`);
    // A hidden front-end (seen with two tabs open) would give a blank screenshot: require visible.
    await poll('DevTools to be undocked and visible', () =>
      inFrontEnd<boolean>(
        frontEnd,
        `const r = UI.InspectorView.InspectorView.instance().element.getBoundingClientRect();
         return r.left === 0 && r.width === innerWidth && document.visibilityState === 'visible' &&
           UI.DockController.DockController.instance().dockSide() === 'undocked';`,
      ),
    );
    await panel.waitForText('grid', 'Frames', /■ Closed/);
    await mkdir(ARTIFACTS, { recursive: true });
    await frontEnd.screenshot({ path: path.join(ARTIFACTS, 'devtools-panel.png') });
  });
});
