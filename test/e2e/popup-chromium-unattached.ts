import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { TargetType } from 'puppeteer-core';
import { CHROMIUM_FLAGS, DIST_CHROME, findBrowser, requireBuild } from './harness/browsers';
import { createUiPage, type UiPage } from './harness/ui-page';

/**
 * Chromium with the extension, but with NO debugger attached to its service worker.
 * TRICKY: a DevTools/CDP session attached to a service worker disables its idle timeout, and
 * Playwright attaches to every service worker it sees, so under the main harness the worker
 * never stops and an idle test proves nothing (measured: still alive after 50 s with the
 * keep-alive off). puppeteer's targetFilter keeps it detached, so the real ~30 s timeout applies.
 */
export async function launchChromiumUnattached(dist = DIST_CHROME) {
  requireBuild(dist);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'socket-scope-idle-'));
  const browser = await puppeteer.launch({
    executablePath: findBrowser('chromium'),
    headless: true,
    pipe: true,
    enableExtensions: true,
    userDataDir: profile,
    defaultViewport: { width: 1000, height: 700 },
    args: CHROMIUM_FLAGS,
    targetFilter: (target) => target.type() !== TargetType.SERVICE_WORKER,
  });
  try {
    const id = await browser.installExtension(dist);
    return {
      async openPopup(): Promise<UiPage> {
        const page = createUiPage(await browser.newPage());
        await page.goto(`chrome-extension://${id}/popup.html`);
        return page;
      },
      async close() {
        await browser.close().catch(() => {});
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}
