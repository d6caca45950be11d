import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { TargetType, type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, DIST_CHROME, findBrowser, requireBuild } from './browsers';

/**
 * Chromium with the built extension and DevTools opened for every tab, driven by puppeteer-core
 * over --remote-debugging-port: Playwright does not expose the devtools:// front-end targets.
 */
export interface DevtoolsBrowser {
  readonly browser: Browser;
  readonly extensionId: string;
  /**
   * The tab Chromium opened at launch (about:blank); its DevTools are already open. Prefer it to
   * a new tab: with two tabs, a DevTools front-end was sometimes left hidden (no rAF, 0×0 panel).
   */
  firstTab(): Promise<Page>;
  /** The DevTools front-end whose inspected page is at `url`. */
  frontEndFor(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Polls `fn` until it returns a truthy value; fails with `what` and the last error seen. */
export async function poll<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      lastError = error; // e.g. a front-end still loading; retried
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last error: ${String(lastError)}`);
    await new Promise((r) => setTimeout(r, 50)); // poll interval, not a synchronisation sleep
  }
}

const SDK_MODULE = 'devtools://devtools/bundled/core/sdk/sdk.js';

export async function launchWithDevtools(): Promise<DevtoolsBrowser> {
  requireBuild(DIST_CHROME);
  const manifest = JSON.parse(await readFile(path.join(DIST_CHROME, 'manifest.json'), 'utf8'));
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'socket-scope-devtools-'));
  const child = spawn(
    findBrowser('chromium'),
    [
      ...CHROMIUM_FLAGS,
      '--headless',
      '--window-size=1280,900',
      `--user-data-dir=${profileDir}`,
      `--disable-extensions-except=${DIST_CHROME}`,
      `--load-extension=${DIST_CHROME}`,
      '--auto-open-devtools-for-tabs',
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let running = true;
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      running = false;
      resolve();
    };
    child.once('exit', done).once('error', (error) => ((stderr += String(error)), done()));
  });
  let browser: Browser | undefined;
  const close = async () => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000); // only if a graceful close hangs
    if (browser) await Promise.race([browser.close().catch(() => {}), exited]);
    else child.kill('SIGTERM');
    await exited;
    clearTimeout(killTimer);
    await rm(profileDir, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    // Chromium writes "<port>\n<browser target path>" once it listens.
    const deadline = Date.now() + 15_000;
    let lines: string[] = [];
    while (!lines[1]) {
      if (!running || Date.now() > deadline)
        throw new Error(
          `chromium ${running ? 'wrote no DevToolsActivePort in time' : `exited (${child.exitCode})`}: ${stderr}`,
        );
      lines = await readFile(path.join(profileDir, 'DevToolsActivePort'), 'utf8').then(
        (text) => text.split('\n'),
        () => [],
      );
      if (!lines[1]) await new Promise((r) => setTimeout(r, 50)); // poll interval
    }
    const [port, wsPath] = lines;
    const b = await puppeteer.connect({
      browserWSEndpoint: `ws://127.0.0.1:${port}${wsPath}`,
      handleDevToolsAsPage: true,
      defaultViewport: null,
    });
    browser = b;
    const worker = await b.waitForTarget(
      (t) =>
        t.type() === TargetType.SERVICE_WORKER &&
        t.url().startsWith('chrome-extension://') &&
        t.url().endsWith(`/${String(manifest.background.service_worker)}`),
    );
    return {
      browser: b,
      extensionId: new URL(worker.url()).host,
      async firstTab() {
        const target = await b.waitForTarget((t) => t.type() === TargetType.PAGE && t.url() === 'about:blank');
        return (await target.page())!;
      },
      async frontEndFor(url) {
        return poll(`the DevTools front-end inspecting ${url}`, async () => {
          for (const target of b.targets()) {
            if (!target.url().startsWith('devtools://devtools/')) continue;
            const frontEnd = await target.asPage();
            const inspected = await frontEnd
              .evaluate(
                `import(${JSON.stringify(SDK_MODULE)}).then((SDK) => SDK.TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL())`,
              )
              .catch(() => null);
            if (inspected === url) return frontEnd;
          }
          return null;
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
