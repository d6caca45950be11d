import puppeteer, { TargetType, type Browser } from 'puppeteer-core';
import { CHROMIUM_FLAGS, DIST_CHROME, findBrowser, requireBuild } from '../test/e2e/harness/browsers';
import type { ExtensionSession } from '../test/e2e/harness/session';
import { createUiPage } from '../test/e2e/harness/ui-page';

/**
 * Chromium for the echo figures, driven by puppeteer-core with the DevTools protocol's Network
 * domain left off.
 *
 * TRICKY: the harness's Chromium (Playwright) turns the Network domain on in every page it
 * drives, to report WebSockets: the renderer then sends every frame, payload included, to the
 * driver, which is Chrome DevTools' own capture. Measured here at a4e8e01 (no extension,
 * alternating, medians of 3): 100 B echo 6,125 msg/s under Playwright against 13,832 with the
 * domain off; 1 MiB binary 12 frames/s against 63. Every page of these sessions is free of it,
 * so the baseline is a page nobody inspects, and DevTools' capture is a figure of its own
 * (EchoRun.devtools).
 *
 * Only what the echo bench needs: pages, extension pages and the background's debug object.
 */
export async function launchUninspectedChromium(options: { withExtension: boolean }): Promise<ExtensionSession> {
  requireBuild(DIST_CHROME);
  const browser: Browser = await puppeteer.launch({
    executablePath: findBrowser('chromium'),
    headless: true,
    pipe: true,
    enableExtensions: options.withExtension,
    networkEnabled: false,
    defaultViewport: { width: 1000, height: 700 },
    args: CHROMIUM_FLAGS,
  });
  const unsupported = () => Promise.reject(new Error('not needed by the echo bench'));
  try {
    const extensionId = options.withExtension ? await browser.installExtension(DIST_CHROME) : null;
    const extensionUrl = (file: string) => {
      if (!extensionId) throw new Error('this session runs without the extension');
      return `chrome-extension://${extensionId}/${file}`;
    };
    const session: ExtensionSession = {
      name: 'chromium',
      extensionUrl,
      async openExtensionPage(file, pageOptions) {
        const page = createUiPage(await browser.newPage(pageOptions?.window ? { type: 'window' } : {}));
        await page.goto(extensionUrl(file));
        return page;
      },
      async openPage(url) {
        const page = createUiPage(await browser.newPage());
        await page.goto(url);
        return page;
      },
      async background(fn, arg) {
        // The service worker may have been restarted: always ask for the current one.
        const target = await browser.waitForTarget(
          (t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith(extensionUrl('')),
        );
        const worker = await target.worker();
        if (!worker) throw new Error('the extension has no service worker');
        const source = `(async () => { const debug = globalThis.socketScopeDebug; const r = await (${fn.toString()})(debug, ${JSON.stringify(arg ?? null)}); return r === undefined ? null : JSON.parse(JSON.stringify(r)); })()`;
        return worker.evaluate(source) as Promise<never>;
      },
      restartBackground: unsupported,
      openCdpSession: unsupported,
      async close() {
        await browser.close().catch(() => {});
      },
    };
    return session;
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}
