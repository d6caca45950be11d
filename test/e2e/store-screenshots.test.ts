import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './harness/browsers';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import type { UiPage } from './harness/ui-page';
import { connect, send } from './popup-helpers';

/** The size both stores accept for screenshots (Chrome Web Store: 1280×800 or 640×400). */
const STORE_SIZE = { width: 1280, height: 800 };
const STORE_DIR = path.join(ARTIFACTS, 'store');

async function resize(page: UiPage) {
  if ('setViewportSize' in page.raw) await page.raw.setViewportSize(STORE_SIZE);
  else await page.raw.setViewport(STORE_SIZE);
}

/** Width and height from a PNG's IHDR chunk. */
async function pngSize(file: string) {
  const png = await readFile(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.each(BROWSERS)('store screenshots from %s', (browserName) => {
  const suite = browserSuite(browserName);
  beforeAll(async () => {
    await mkdir(STORE_DIR, { recursive: true });
  });

  it('writes 1280×800 pictures of the client and the panel', async () => {
    const client = await suite.session.openExtensionPage('popup.html?view=tab');
    await resize(client);
    await connect(client, `${suite.server.url}/`, 'chat');
    await client.click('radio', 'Message format: JSON');
    await send(client, '{"id":7,"op":"subscribe","topics":["prices","news"],"depth":{"levels":10,"snapshot":true}}');
    await client.click('radio', 'Message format: Hex');
    await send(client, '01 00 2a ff');
    await client.waitForText('grid', 'Frames', /4 B binary 01 00 2a ff/);
    await client.click('row', /↓ Received .* text \{"id":7/);
    await client.click('tab', 'JSON');
    await client.waitForText('group', 'JSON tree', /op: "subscribe"/);
    const clientFile = path.join(STORE_DIR, `client-${browserName}.png`);
    await client.screenshot(clientFile);
    expect(await pngSize(clientFile)).toEqual(STORE_SIZE);
    await client.close();

    const pageUrl = `${suite.server.httpUrl}/pages/decoders.html?store`;
    const page = await suite.session.openPage(pageUrl);
    const { tabId } = await waitForCapture(
      suite.session,
      pageUrl,
      (ev) => ev.filter((e) => e.type === 'frame').length === 6,
    );
    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await resize(panel);
    await panel.waitForText('grid', 'Frames', /PUBLISH sensors\/1 qos1/);
    await panel.click('gridcell', /EVENT chat:message/);
    await panel.click('tab', 'Decoded');
    await panel.waitForText('region', 'Details', /chat:message/);
    const panelFile = path.join(STORE_DIR, `panel-${browserName}.png`);
    await panel.screenshot(panelFile);
    expect(await pngSize(panelFile)).toEqual(STORE_SIZE);
    await panel.close();
    await page.close();
  });
});
