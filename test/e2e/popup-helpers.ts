import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage, ElementHandle } from 'puppeteer-core';
import type { ExtensionSession } from './harness/session';
import type { UiPage } from './harness/ui-page';

/**
 * Connects the popup to `url` and waits until the new connection is the selected one and open.
 * (The status line shows the selected connection: with another one open already, it says "Open"
 * before the new connection even exists.)
 */
export async function connect(popup: UiPage, url: string, protocols = '') {
  const tabs = () => popup.evaluate(() => document.querySelectorAll('[role=tab]').length, null);
  const before = await tabs();
  await popup.fill('textbox', 'URL', url);
  if (protocols) await popup.fill('textbox', 'Subprotocols', protocols);
  await popup.click('button', 'Connect');
  // A new connection's tab appears already selected.
  await popup.waitFor(async () => (await tabs()) > before, null);
  await popup.waitForText('status', 'Connection status', /^Open since/);
}

export async function send(popup: UiPage, text: string) {
  await popup.fill('textbox', 'Message', text);
  await popup.click('button', 'Send');
}

/** Chooses a file in an <input type=file> found by its aria-label, in either browser. */
export async function chooseFile(
  session: ExtensionSession,
  popup: UiPage,
  label: string,
  name: string,
  content: Buffer,
) {
  const selector = `input[type=file][aria-label="${label}"]`;
  if (session.name === 'chromium') {
    await (popup.raw as PlaywrightPage).setInputFiles(selector, {
      name,
      mimeType: 'application/octet-stream',
      buffer: content,
    });
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'socket-scope-upload-'));
  const file = path.join(dir, name);
  await writeFile(file, content);
  const el = (await (popup.raw as PuppeteerPage).$(selector)) as ElementHandle<HTMLInputElement>;
  await el.uploadFile(file);
}

/** Records what the page hands to URL.createObjectURL (our exports), so a test can read the file. */
export async function captureDownloads(popup: UiPage) {
  await popup.evaluate(() => {
    const w = window as unknown as { __downloads: string[] };
    w.__downloads = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob) => {
      void blob.text().then((t) => w.__downloads.push(t));
      return original(blob);
    };
    // Keep the test browser from writing files: the anchor click is the download.
    HTMLAnchorElement.prototype.click = function () {};
  }, null);
  return async (count: number) =>
    popup.waitFor(async () => {
      const got = await popup.evaluate(() => (window as unknown as { __downloads: string[] }).__downloads, null);
      return got.length >= count ? got : null;
    }, null);
}

/** Ctrl+Enter: Playwright takes a chord, puppeteer needs the modifier held. */
export async function pressCtrlEnter(popup: UiPage) {
  const keyboard = (popup.raw as PuppeteerPage).keyboard;
  await keyboard.down('Control');
  await keyboard.press('Enter');
  await keyboard.up('Control');
}

/** Texts of the frames of the popup connections to `url`, in one direction, as the background holds them. */
export function backgroundFrameTexts(
  session: ExtensionSession,
  url: string,
  direction: 'in' | 'out',
): Promise<string[]> {
  return session.background<string[], [string, string]>(
    (debug, [u, dir]) => {
      const ids = new Set(
        debug.connections
          .summaries()
          .filter((c: { url: string }) => c.url === u)
          .map((c: { id: string }) => c.id),
      );
      return debug.connections
        .events()
        .flatMap((e) =>
          ids.has(e.socketId) && e.type === 'frame' && e.direction === dir && e.payload.kind === 'text'
            ? [e.payload.text]
            : [],
        );
    },
    [url, direction],
  );
}

/** Polls the background (no popup needed) until `done` holds for those texts. */
export async function waitForBackgroundFrames(
  session: ExtensionSession,
  url: string,
  direction: 'in' | 'out',
  done: (texts: string[]) => boolean,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await backgroundFrameTexts(session, url, direction);
    if (done(texts)) return texts;
    if (Date.now() > deadline)
      throw new Error(
        `background frames (${direction}) incomplete after ${timeoutMs} ms: ${JSON.stringify(texts).slice(0, 2000)}`,
      );
    await new Promise((r) => setTimeout(r, 50)); // poll interval
  }
}

/** Shift+Tab: Playwright takes a chord, puppeteer needs the modifier held. */
export async function pressShiftTab(popup: UiPage) {
  const keyboard = (popup.raw as PuppeteerPage).keyboard;
  await keyboard.down('Shift');
  await keyboard.press('Tab');
  await keyboard.up('Shift');
}

/** Sets a checkbox (found by its label) to `checked`, clicking it only when it is not so already. */
export async function setChecked(page: UiPage, name: string, checked: boolean) {
  const isChecked = () =>
    page.evaluate((label: string) => {
      const box = [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find(
        (input) => input.closest('label')?.textContent?.trim() === label,
      );
      if (!box) throw new Error(`no checkbox labelled ${label}`);
      return box.checked;
    }, name);
  if ((await isChecked()) !== checked) await page.click('checkbox', name);
  await page.waitFor(async () => (await isChecked()) === checked, null);
}

/** The filter bar's direction: both, only sent, only received. */
export async function filterDirection(page: UiPage, direction: 'both' | 'out' | 'in') {
  await setChecked(page, 'Sent', direction !== 'in');
  await setChecked(page, 'Received', direction !== 'out');
}

/** The filter bar's event types: all, or only text frames, binary frames or lifecycle events. */
export async function filterType(page: UiPage, type: 'all' | 'text' | 'binary' | 'lifecycle') {
  await setChecked(page, 'Text', type === 'all' || type === 'text');
  await setChecked(page, 'Binary', type === 'all' || type === 'binary');
  await setChecked(page, 'Lifecycle', type === 'all' || type === 'lifecycle');
}

/** Keyboard focus on the frame table itself, without selecting a row. */
export async function focusTable(page: UiPage) {
  await page.evaluate(() => document.querySelector<HTMLElement>('[role=grid]')!.focus(), null);
}
