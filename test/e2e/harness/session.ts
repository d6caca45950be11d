import { randomUUID } from 'node:crypto';
import type { BackgroundDebug } from '../../../src/background/debug-surface';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import puppeteer, { type Browser, type Page as PuppeteerPage } from 'puppeteer-core';
import { CHROMIUM_FLAGS, DIST_CHROME, DIST_FIREFOX, findBrowser, requireBuild } from './browsers';
import { createUiPage, type UiPage } from './ui-page';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** The built extension running in one real browser, driven the same way in both. */
export interface ExtensionSession {
  readonly name: BrowserName;
  extensionUrl(file: string): string;
  /**
   * `window`: in a window of its own, so that the page whose tab is active stays visible beside it
   * (Firefox throttles the timers of hidden tabs; Chromium under Playwright keeps every page visible).
   */
  openExtensionPage(fileAndQuery: string, options?: { readonly window?: boolean }): Promise<UiPage>;
  openPage(url: string): Promise<UiPage>;
  /**
   * Runs `fn` against the background's `socketScopeDebug` object and returns its JSON result.
   * `fn` is serialised: it may only use its arguments.
   */
  background<T, A = null>(fn: (debug: BackgroundDebug, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /**
   * Stops the background and lets it start again, as the browser does to an idle one
   * (Chromium: the DevTools protocol stops the service worker; Firefox: the session must be
   * launched with a short extensions.background.idle.timeout, and this waits for it to pass).
   * Resolves once a new background instance answers.
   */
  restartBackground(): Promise<void>;
  /**
   * Chromium only: a DevTools protocol session (on a blank page of this browser) for what the
   * harness cannot do otherwise, e.g. `Storage.*`. State it sets, such as a quota override,
   * lasts until the session is closed.
   */
  openCdpSession(): Promise<CdpSession>;
  close(): Promise<void>;
}

export interface CdpSession {
  /** The DevTools protocol's answer, as JSON (each caller reads the fields it asked for). */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const chromiumOnly = (): never => {
  throw new Error('the DevTools protocol is only used with Chromium here');
};

export interface LaunchOptions {
  /** Extra Chromium flags. */
  readonly chromiumArgs?: string[];
  /** Extra Firefox prefs (e.g. a short extensions.background.idle.timeout). */
  readonly firefoxPrefs?: Record<string, unknown>;
  /** false: the same browser without the extension, as a baseline (conformance, benchmarks). */
  readonly withExtension?: boolean;
}

export function launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionSession> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

const wrapDebugCall = (fnSource: string, arg: unknown, getDebug: string) =>
  `(async () => { const debug = ${getDebug}; const r = await (${fnSource})(debug, ${JSON.stringify(arg ?? null)}); return r === undefined ? null : JSON.parse(JSON.stringify(r)); })()`;

async function launchChromium(options: LaunchOptions): Promise<ExtensionSession> {
  const withExtension = options.withExtension ?? true;
  requireBuild(DIST_CHROME);
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'socket-scope-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: findBrowser('chromium'),
      headless: true,
      viewport: { width: 1000, height: 700 },
      args: [
        ...CHROMIUM_FLAGS,
        ...(withExtension ? [`--disable-extensions-except=${DIST_CHROME}`, `--load-extension=${DIST_CHROME}`] : []),
        ...(options.chromiumArgs ?? []),
      ],
    });
    const ctx = context;
    if (!withExtension)
      return plainSession(
        'chromium',
        async () => createUiPage(await ctx.newPage()),
        () => ctx.close(),
        profileDir,
      );
    const worker = (): Promise<Worker> => Promise.resolve(ctx.serviceWorkers()[0] ?? ctx.waitForEvent('serviceworker'));
    const extensionId = new URL((await worker()).url()).host;
    const session: ExtensionSession = {
      name: 'chromium',
      extensionUrl: (file) => `chrome-extension://${extensionId}/${file}`,
      async openExtensionPage(file) {
        const page = createUiPage(await ctx.newPage());
        await page.goto(session.extensionUrl(file));
        return page;
      },
      async openPage(url) {
        const page = createUiPage(await ctx.newPage());
        await page.goto(url);
        return page;
      },
      async background(fn, arg) {
        // The service worker may have been restarted: always ask for the current one.
        return (await worker()).evaluate(wrapDebugCall(fn.toString(), arg, 'globalThis.socketScopeDebug'));
      },
      async restartBackground() {
        const before = await session.background((debug) => debug.bootedAt);
        const page = await ctx.newPage();
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
        await page.close();
        await waitForNewBoot(session, before);
      },
      async openCdpSession() {
        const page = await ctx.newPage();
        const cdp = await ctx.newCDPSession(page);
        return {
          send: (method, params) => cdp.send(method as never, params as never),
          async close() {
            await cdp.detach().catch(() => {});
            await page.close().catch(() => {});
          },
        };
      },
      async close() {
        await ctx.close().catch(() => {});
        await rm(profileDir, { recursive: true, force: true });
      },
    };
    return session;
  } catch (error) {
    await context?.close().catch(() => {});
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}

async function launchFirefox(options: LaunchOptions): Promise<ExtensionSession> {
  requireBuild(DIST_FIREFOX);
  const manifest = JSON.parse(await readFile(path.join(DIST_FIREFOX, 'manifest.json'), 'utf8'));
  const uuid = randomUUID();
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findBrowser('firefox'),
    headless: true,
    defaultViewport: { width: 1000, height: 700 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      // Pins the extension's internal UUID so that moz-extension:// URLs are known in advance.
      'extensions.webextensions.uuids': JSON.stringify({ [manifest.browser_specific_settings.gecko.id]: uuid }),
      ...options.firefoxPrefs,
    },
  });
  if (options.withExtension === false)
    return plainSession(
      'firefox',
      async () => createUiPage(await browser.newPage()),
      () => browser.close(),
    );
  try {
    await browser.installExtension(DIST_FIREFOX);
    let helper: PuppeteerPage | null = null;
    const extensionUrl = (file: string) => `moz-extension://${uuid}/${file}`;
    const openRaw = async (file: string, inWindow = false) => {
      const page = await browser.newPage(inWindow ? { type: 'window' } : {});
      const url = extensionUrl(file);
      // page.goto never resolves for moz-extension://: navigate, then wait.
      void page.goto(url).catch(() => {});
      // Evaluations can fail while the navigation swaps documents (a BiDi "unknown error"):
      // poll ourselves and treat such a failure as "not yet".
      const deadline = Date.now() + 15_000;
      for (;;) {
        const ready = await page
          .evaluate((u: string) => location.href === u && document.readyState === 'complete', url)
          .catch(() => false);
        if (ready) return page;
        if (Date.now() > deadline) throw new Error(`${url} did not load`);
        await new Promise((r) => setTimeout(r, 50)); // poll interval
      }
    };
    const session: ExtensionSession = {
      name: 'firefox',
      extensionUrl,
      async openExtensionPage(file, options) {
        return createUiPage(await openRaw(file, options?.window));
      },
      async openPage(url) {
        const page = createUiPage(await browser.newPage());
        await page.goto(url);
        return page;
      },
      async background(fn, arg) {
        if (!helper || helper.isClosed()) helper = await openRaw('devtools.html');
        return helper.evaluate(
          wrapDebugCall(fn.toString(), arg, '(await browser.runtime.getBackgroundPage()).socketScopeDebug'),
        ) as Promise<never>;
      },
      async restartBackground() {
        const idleMs = Number(options.firefoxPrefs?.['extensions.background.idle.timeout']);
        if (!idleMs)
          throw new Error('launch Firefox with a short extensions.background.idle.timeout to restart its background');
        const before = await session.background((debug) => debug.bootedAt);
        // Each check wakes the background; the pause between checks lets it go idle again.
        await waitForNewBoot(session, before, idleMs * 1.5);
      },
      openCdpSession: async () => chromiumOnly(),
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

/** A browser without the extension: pages only. */
function plainSession(
  name: BrowserName,
  newPage: (url: string) => Promise<UiPage>,
  closeBrowser: () => Promise<unknown>,
  profileDir?: string,
): ExtensionSession {
  const noExtension = (): never => {
    throw new Error('this session runs without the extension');
  };
  return {
    name,
    extensionUrl: noExtension,
    openExtensionPage: async () => noExtension(),
    async openPage(url) {
      const page = await newPage(url);
      await page.goto(url);
      return page;
    },
    background: async () => noExtension(),
    restartBackground: async () => noExtension(),
    openCdpSession: async () => noExtension(),
    async close() {
      await closeBrowser().catch(() => {});
      if (profileDir) await rm(profileDir, { recursive: true, force: true });
    },
  };
}

async function waitForNewBoot(session: ExtensionSession, before: number, pauseMs = 100): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, pauseMs)); // lets an idle timeout elapse
    const now = await session.background((debug) => debug.bootedAt).catch(() => before);
    if (now !== before) return;
    if (Date.now() > deadline) throw new Error('the background never restarted');
  }
}
