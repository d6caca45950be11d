import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server.mjs';
import { DIST_CHROME } from './harness/browsers';
import { BROWSERS, launch } from './harness/session';
import type { UiPage } from './harness/ui-page';
import { send } from './popup-helpers';
import { launchChromiumUnattached } from './popup-chromium-unattached';

/**
 * A headless browser cannot click a permission prompt. Firefox grants optional permissions
 * without one when `extensions.webextOptionalPermissionPrompts` is false, so there the real
 * permissions.request runs. Chromium has no such switch: its copy of the build has the host
 * already granted (manifest host_permissions), so permissions.request resolves at once.
 */
async function openBrowser(name: 'chromium' | 'firefox') {
  if (name === 'firefox') {
    const session = await launch('firefox', { firefoxPrefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    return { openPopup: () => session.openExtensionPage('popup.html'), close: () => session.close() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'socket-scope-granted-'));
  await cp(DIST_CHROME, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  await writeFile(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ ...manifest, host_permissions: ['http://127.0.0.1/*', 'ws://127.0.0.1/*'] }),
  );
  const chromium = await launchChromiumUnattached(dir);
  return {
    openPopup: () => chromium.openPopup(),
    close: async () => {
      await chromium.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const api = `((globalThis.browser ?? globalThis.chrome))`;

/** The handshake headers the /headers route sent back, read from the entry detail. */
async function echoedHeaders(popup: UiPage): Promise<Record<string, string>> {
  await popup.click('row', /↓ Received \S+ \S+ \S+ text \{"host"/);
  await popup.click('tab', 'Text');
  return JSON.parse(await popup.text('document', 'Payload'));
}

describe.each(BROWSERS)('popup handshake headers in %s', (browserName) => {
  let server: EchoServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    server = await startEchoServer();
    browser = await openBrowser(browserName);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends the headers the user adds, for that connection only, and removes the rule afterwards', async () => {
    let popup = await browser.openPopup();
    await popup.fill('textbox', 'URL', `${server.url}/headers`);
    await popup.click('button', 'Headers');
    await popup.fill('textbox', /^Handshake headers/, 'Sec-WebSocket-Key: nope');
    await popup.click('button', 'Connect');
    await popup.waitForText('alert', null, 'Header line 1: Sec-WebSocket-Key is set by the browser for the handshake');

    await popup.fill('textbox', /^Handshake headers/, 'Authorization: Bearer secret-token\nX-Socket-Scope: 42');
    await popup.click('button', 'Connect');
    // In Chromium this socket lives in the offscreen document (header rules do not apply to the
    // service worker's sockets); in Firefox in the background itself.
    await popup.waitForText('status', 'Connection status', /^Open since/);
    const headers = await echoedHeaders(popup);
    expect(headers.authorization).toBe('Bearer secret-token');
    expect(headers['x-socket-scope']).toBe('42');
    const origins: string[] = await popup.evaluate(
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the same code in both browsers' API namespace
      new Function(`return ${api}.permissions.getAll().then((p) => p.origins)`) as () => Promise<string[]>,
      null,
    );
    expect(origins).toContain('http://127.0.0.1/*');
    const rules = () =>
      popup.evaluate(
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- as above
        new Function(
          `return ${api}.declarativeNetRequest.getSessionRules().then((r) => r.length)`,
        ) as () => Promise<number>,
        null,
      );
    await popup.waitFor(async () => (await rules()) === 0, null);

    // The connection behaves like any other: text and exact binary echoed, closed with a code.
    await send(popup, 'through headers');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 15 B text through headers/);
    await popup.click('radio', 'Message format: Hex');
    await send(popup, '00 ff 80 7f');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 4 B binary 00 ff 80 7f/);
    await popup.fill('textbox', 'Close code', '4005');
    await popup.fill('textbox', 'Close reason', 'done');
    await popup.click('button', 'Close with code');
    await popup.waitForText('status', 'Connection status', 'Closed: 4005 Application-defined — “done”');
    await popup.close();

    // The next connection to the same URL, without headers, gets none.
    popup = await browser.openPopup();
    await popup.fill('textbox', 'URL', `${server.url}/headers`);
    await popup.click('button', 'Connect');
    await popup.waitForText('status', 'Connection status', /^Open since/);
    await popup.waitForText('status', 'Counters', '↓ 1 frames');
    const plain = await echoedHeaders(popup);
    expect(plain.authorization).toBeUndefined();
    expect(plain['x-socket-scope']).toBeUndefined();
    await popup.close();
  });
});
