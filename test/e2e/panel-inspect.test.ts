import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/core/format';
import type { SocketEvent } from '../../src/protocol';
import { ARTIFACTS } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { setColorScheme, setInputFile, setViewport } from './harness/panel-page';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import type { UiPage } from './harness/ui-page';

const GREET = '{"type":"greet","user":"<img src=x onerror=alert(1)>"}';
const SCRIPT = '</script><script>window.__pwned = 1</script>';
const BIG = 3 * 1024 * 1024;

/** Done: chat and refused closed, live open (see pages/panel-inspect.html). */
const settled = (events: SocketEvent[]) =>
  events.filter((e) => e.type === 'close').length === 2 && events.filter((e) => e.type === 'open').length === 3;

describe.each(BROWSERS)('panel inspecting a live page in %s', (browserName) => {
  const suite = browserSuite(browserName);
  let page: UiPage;
  let panel: UiPage;
  let tabId: number;
  let events: SocketEvent[];
  let tmp: string;
  const pageUrl = () => `${suite.server.httpUrl}/pages/panel-inspect.html`;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'socket-scope-panel-'));
    page = await suite.session.openPage(pageUrl());
    ({ tabId, events } = await waitForCapture(suite.session, pageUrl(), settled, 30_000));
    panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.waitForText('status', 'Capture status', `${events.length} events`, 30_000);
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('lists every socket with its frame, state, protocol, counts, bytes and close', async () => {
    const list = await panel.text('listbox', 'Sockets (3)');
    const greetBytes = Buffer.byteLength(GREET) + Buffer.byteLength(SCRIPT) + 6 + BIG;
    expect(list).toContain(`${suite.server.url}/`);
    expect(list).toContain(`closed · chat.v1 · ↑4 ${formatBytes(greetBytes)} · ↓4 ${formatBytes(greetBytes)}`);
    expect(list).toContain('close 1000 Normal closure “done”');
    expect(list).toContain(`${suite.server.url}/close?code=4000&reason=bye`);
    expect(list).toContain('close 4000 Application-defined “bye”');
    expect(list).toContain(`${suite.server.url}/live`);
    expect(list).toContain('open · ↑0 0 B · ↓0 0 B');
    expect(list).toContain(`in ${pageUrl()}`);
  });

  it('renders hostile payloads as text: no element, no script', async () => {
    const grid = await panel.waitForText('grid', 'Frames', GREET);
    expect(grid).toContain(SCRIPT);
    const injected = await panel.evaluate(
      () => ({
        imgs: document.querySelectorAll('img').length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        scripts: [...document.scripts].map((s) => new URL(s.src || 'inline:', location.href).pathname),
      }),
      null,
    );
    expect(injected).toEqual({ imgs: 0, pwned: null, scripts: ['/panel.js'] });
  });

  it('filters by text and regex across sockets, highlights matches, and survives an invalid regex', async () => {
    await panel.fill('textbox', 'Filter', 'ONERROR');
    await panel.waitForText('status', 'Capture status', `2 of ${events.length} events`);
    const list = await panel.text('listbox', 'Sockets (3)');
    expect(list).toMatch(/^All sockets2 matches/);
    expect(list).toContain('2 matches');
    expect(list).toContain('0 matches');
    await panel.click('checkbox', 'Regex');
    await panel.fill('textbox', 'Filter', 'greet(');
    const error = await panel.text('alert', null);
    expect(error).toMatch(/^Invalid regular expression: ./);
    await panel.fill('textbox', 'Filter', 'greet|</script>');
    await panel.waitForText('status', 'Capture status', `4 of ${events.length} events`);
    expect(await panel.exists('alert', null)).toBe(false);
    const marks = await panel.evaluate(
      () => [...document.querySelectorAll('[role=grid] mark')].map((m) => m.textContent).sort(),
      null,
    );
    expect(marks).toEqual(['</script>', '</script>', '</script>', '</script>', 'greet', 'greet']); // two per script row
    await panel.click('checkbox', 'Received');
    await panel.waitForText('status', 'Capture status', `2 of ${events.length} events`);
    await panel.click('checkbox', 'Received');
    await panel.click('checkbox', 'Regex');
    await panel.fill('textbox', 'Filter', '');
    await panel.fill('textbox', 'Min size', '1k');
    await panel.waitForText('status', 'Capture status', `2 of ${events.length} events`); // the 3 MiB frame each way
    await panel.fill('textbox', 'Min size', '');
    await panel.waitForText('status', 'Capture status', new RegExp(`^${events.length} events`));
  });

  it('shows a frame in text, JSON tree, hex and base64, and copies it as code', async () => {
    await panel.click('row', /↑ Sent.* text \{"type":"greet"/);
    expect(await panel.text('tabpanel', 'Text')).toBe(GREET);
    await panel.click('tab', 'JSON');
    const tree = await panel.text('tabpanel', 'JSON');
    expect(tree).toContain('type: "greet"');
    expect(tree).toContain('user: "<img src=x onerror=alert(1)>"');
    await panel.click('button', /^▾ \{"type"/); // collapse the root
    expect(await panel.text('tabpanel', 'JSON')).not.toContain('type: "greet"');

    await panel.click('row', /↓ Received.* 6 B binary 00 01 02 7f 80 ff/);
    await panel.click('tab', 'Hex');
    expect(await panel.text('tabpanel', 'Hex')).toMatch(/^00000000 {2}00 01 02 7f 80 ff {2}\s+\.\.\.\.\.\.$/);
    await panel.click('tab', 'Base64');
    expect(await panel.text('tabpanel', 'Base64')).toBe('AAECf4D/');
    await panel.evaluate(() => {
      const copied: string[] = ((window as unknown as { copied: string[] }).copied = []);
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: async (t: string) => void copied.push(t) },
      });
    }, null);
    await panel.click('button', 'Copy as code');
    const line = 'ws.send(Uint8Array.from(atob("AAECf4D/"), (c) => c.charCodeAt(0)));';
    await panel.waitForText('status', 'Copy status', `Copied as code (${line.length} characters)`);
    await panel.click('button', 'Copy hex');
    await panel.waitForText('status', 'Copy status', 'Copied hex (17 characters)');
    expect(await panel.evaluate(() => (window as unknown as { copied: string[] }).copied, null)).toEqual([
      line,
      '00 01 02 7f 80 ff',
    ]);
  });

  it('never renders a large frame whole: 1 MiB first, more on request', async () => {
    await panel.click('row', /↑ Sent.* 3\.0 MiB text x/);
    await panel.click('tab', 'Text');
    const first = await panel.text('tabpanel', 'Text');
    expect(first.startsWith('Showing the first 1.0 MiB of 3.0 MiB. Show the first 16.0 MiB')).toBe(true);
    expect(first.length).toBe('Showing the first 1.0 MiB of 3.0 MiB. Show the first 16.0 MiB'.length + 1024 * 1024);
    await panel.click('button', 'Show the first 16.0 MiB');
    await panel.waitFor(async () => (await panel.text('tabpanel', 'Text')).length === BIG, null);
  });

  it('moves through rows with the keyboard', async () => {
    await panel.click('row', /↑ Sent.* text \{"type":"greet"/);
    await panel.press('Home');
    await panel.waitForText('region', 'Details', `created: ${suite.server.url}/`);
    await panel.press('ArrowDown');
    const second = await panel.text('region', 'Details');
    expect(second).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} · ws:\/\//);
    await panel.press('End');
    const selected = await panel.evaluate(
      () => document.querySelector('[role=grid]')!.getAttribute('aria-activedescendant'),
      null,
    );
    expect(selected).toBe(`frame-row-${events.length - 1}`);
  });

  it('pauses the display while capture goes on, and resumes', async () => {
    await panel.click('button', 'Pause');
    await page.evaluate(() => (window as unknown as { sendLive(t: string): void }).sendLive('after pause'), null);
    await waitForCapture(
      suite.session,
      pageUrl(),
      (all) =>
        all.filter((e) => e.type === 'frame' && e.payload.kind === 'text' && e.payload.text === 'after pause')
          .length === 2,
    );
    await panel.waitForText('status', 'Capture status', 'Paused: 2 new events not shown');
    expect(await panel.text('grid', 'Frames')).not.toContain('after pause');
    await panel.click('button', 'Resume');
    await panel.waitForText('grid', 'Frames', 'after pause');
    await panel.waitForText('status', 'Capture status', new RegExp(`^${events.length + 2} events`));
  });

  it('shows stats and a message-rate chart for the selected socket', async () => {
    await panel.click('option', /^ws:\/\/[^ ]+\/live/);
    await panel.click('button', 'Stats');
    const stats = await panel.text('region', 'Statistics');
    expect(stats).toMatch(/^↑ 1 sent, 11 B \(largest 11 B\) · ↓ 1 received, 11 B \(largest 11 B\) · over \d+ ms/);
    expect(stats).toContain('Peak: ↓ 1.0 frames/s · ↑ 1.0 frames/s · 1.0 s buckets');
    await panel.click('option', /^All sockets/);
    await panel.waitForText('region', 'Statistics', /^↑ 5 sent, /);
    await panel.screenshot(path.join(ARTIFACTS, `panel-stats-${browserName}.png`));
    await panel.click('button', 'Stats');
    await panel.click('option', /^All sockets/);
  });

  it('exports HAR and JSON through blob: URLs, and imports them back to view offline', async () => {
    await panel.evaluate(() => {
      const w = window as unknown as { blobs: Blob[] };
      w.blobs = [];
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob | MediaSource) => (w.blobs.push(b as Blob), create(b));
    }, null);
    await panel.click('button', 'Export HAR');
    await panel.click('button', 'Export JSON');
    await panel.waitForText('status', 'Capture status', `Exported ${events.length + 2} events as JSON`);
    const [harText, jsonText] = await panel.evaluate(
      () => Promise.all((window as unknown as { blobs: Blob[] }).blobs.map((b) => b.text())),
      null,
    );
    const har = JSON.parse(harText!);
    expect(har.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual([
      `${suite.server.url}/`,
      `${suite.server.url}/close?code=4000&reason=bye`,
      `${suite.server.url}/live`,
    ]);
    const chat = har.log.entries[0];
    expect(chat._resourceType).toBe('websocket');
    expect(
      chat._webSocketMessages.map((m: { type: string; opcode: number }) => `${m.type}:${m.opcode}`).sort(),
    ).toEqual(['receive:1', 'receive:1', 'receive:1', 'receive:2', 'send:1', 'send:1', 'send:1', 'send:2']);
    expect(
      chat._webSocketMessages.filter((m: { opcode: number }) => m.opcode === 2).map((m: { data: string }) => m.data),
    ).toEqual(['AAECf4D/', 'AAECf4D/']);
    expect(JSON.parse(jsonText!).format).toBe('socket-scope-log');

    const harFile = path.join(tmp, 'saved-session.har');
    await writeFile(harFile, harText!);
    await setInputFile(panel, 'input[type=file]', harFile);
    await panel.waitForText('status', 'Capture status', `Imported ${events.length + 2} events from saved-session.har`);
    await panel.waitForText('note', null, 'Viewing saved-session.har (saved session, offline).');
    await panel.waitForText('listbox', 'Sockets (3)', 'close 4000 Application-defined “bye”');
    expect(await panel.text('grid', 'Frames')).toContain(GREET);
    expect(await panel.exists('button', 'Back to live capture')).toBe(true);
    await panel.click('button', 'Back to live capture');

    const bad = path.join(tmp, 'bad.har');
    await writeFile(bad, 'not json');
    await setInputFile(panel, 'input[type=file]', bad);
    await panel.waitForText(
      'status',
      'Capture status',
      'Could not import bad.har: The file is not JSON: choose a Socket Scope JSON export or a HAR file',
    );
  });

  it('fits a narrow docked DevTools, in light and dark (screenshots)', async () => {
    await panel.click('row', /↑ Sent.* text \{"type":"greet"/);
    await panel.click('tab', 'Text');
    for (const [width, label] of [
      [1000, 'wide'],
      [550, 'narrow'],
    ] as const) {
      await setViewport(panel, width, 700);
      const box = (await panel.waitFor(async () => {
        const r = await panel.evaluate(() => {
          const b = document.querySelector('[role=tabpanel]')!.getBoundingClientRect();
          return { left: b.left, right: b.right, top: b.top, bottom: b.bottom, vw: innerWidth, vh: innerHeight };
        }, null);
        return r.vw === width ? r : null;
      }, null))!;
      await panel.screenshot(path.join(ARTIFACTS, `panel-${label}-light-${browserName}.png`));
      // Firefox over WebDriver BiDi may not emulate the colour scheme: then no dark picture.
      if (await setColorScheme(panel, 'dark')) {
        await panel.screenshot(path.join(ARTIFACTS, `panel-${label}-dark-${browserName}.png`));
        await setColorScheme(panel, 'light');
      }
      // The payload is in view: inside the window, at least half its width and a few lines high.
      expect(box.right).toBeLessThanOrEqual(width);
      expect(box.right - box.left).toBeGreaterThan(width / 2);
      expect(box.bottom).toBeLessThanOrEqual(box.vh);
      expect(box.bottom - box.top).toBeGreaterThan(40);
    }
  });

  it('clears the capture in the background', async () => {
    await panel.click('button', 'Clear');
    await panel.waitForText('listbox', 'Sockets (0)', 'All sockets');
    await panel.waitForText('status', 'Capture status', /^0 events/);
    expect(await suite.session.background((debug, id: number) => debug.captureHub.logOf(id)!.all().length, tabId)).toBe(
      0,
    );
    await page.evaluate(() => (window as unknown as { sendLive(t: string): void }).sendLive('after clear'), null);
    await panel.waitForText('grid', 'Frames', 'after clear');
    await panel.waitForText('listbox', 'Sockets (1)', '(opened before capture)');
  });
});
