// `npm start`: build, start the echo server with the demo page, and open a browser with the
// extension loaded (Chromium by default, `-- --firefox` for Firefox, `-- --no-browser` for none).
// Without a display (Linux with neither DISPLAY nor WAYLAND_DISPLAY) it only prints how to load
// the build by hand and keeps serving. Runs until Ctrl+C or until the browser is closed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEchoServer } from '../server/echo-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distChrome = path.join(root, 'dist', 'chrome');
const distFirefox = path.join(root, 'dist', 'firefox');
const argv = process.argv.slice(2);
const wantFirefox = argv.includes('--firefox');
const noBrowser = argv.includes('--no-browser');

// 1. Build. A failed build stops everything: never launch a stale dist/.
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error(
    `\nnpm start: the build failed (${build.error?.message ?? `exit code ${build.status ?? build.signal}`}).`,
  );
  process.exit(build.status || 1);
}

// 2. Echo server (+ the demo page under /demo). Fall back to a free port if the wanted one is taken.
const wantedPort = Number(process.env.PORT) || 8765;
const pages = { '/demo': path.join(root, 'demo') };
let server;
try {
  server = await startEchoServer({ port: wantedPort, pages });
} catch (error) {
  if (error?.code !== 'EADDRINUSE') throw error;
  server = await startEchoServer({ port: 0, pages });
  console.log(`\nPort ${wantedPort} is in use; using port ${server.port} instead.`);
}
const wsUrl = `${server.url}/`;
const demoUrl = `${server.httpUrl}/demo/index.html`;
console.log(`\nEcho server:  ${wsUrl}`);
console.log(`Demo page:    ${demoUrl}\n`);

// 3. Cleanup, shared by every exit path (Ctrl+C, browser closed, launch failure + Ctrl+C).
let browserHandle; // { close(): Promise<void> } once a browser is running
let tmpProfile;
let stopping = false;
let launchFailed = false; // closing a half-started browser must not stop the server
const onBrowserClosed = () => {
  if (!launchFailed) void shutdown(0);
};
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await browserHandle?.close().catch(() => {});
  await server.close().catch(() => {});
  if (tmpProfile) await rm(tmpProfile, { recursive: true, force: true, maxRetries: 5 }).catch(() => {});
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(0));
// Playwright and Puppeteer would otherwise install their own signal handlers that kill the browser
// and exit at once, skipping the cleanup above.
const noSignalHandlers = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false };

function printManualSteps(reason) {
  console.log(`${reason}\n`);
  console.log('Load the build by hand:');
  console.log(`  Chrome/Chromium: chrome://extensions → enable "Developer mode" → "Load unpacked" → ${distChrome}`);
  console.log(
    `  Firefox:         about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → ${path.join(distFirefox, 'manifest.json')}`,
  );
  console.log(
    `Then open ${demoUrl}, open DevTools → "WebSockets" panel, or open the toolbar popup and connect to ${wsUrl}`,
  );
  console.log('\nThe echo server keeps running. Press Ctrl+C to stop.');
}

/** First executable found: the env override, then each name on PATH, then absolute fallbacks. */
function findExecutable(envVar, names, absolute = []) {
  const isExecutable = (file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (process.env[envVar]) return process.env[envVar];
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) if (isExecutable(path.join(dir, name + ext))) return path.join(dir, name + ext);
    }
  }
  return absolute.find(isExecutable);
}

async function launchChromium() {
  const executablePath = findExecutable(
    'CHROME_PATH',
    ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'],
    [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ],
  );
  if (!executablePath) throw new Error('no Chromium or Chrome found: set CHROME_PATH, or install chromium');
  tmpProfile = await mkdtemp(path.join(tmpdir(), 'socket-scope-profile-'));
  const args = [
    '--auto-open-devtools-for-tabs', // so the "WebSockets" panel is one click away on every tab
    '--no-first-run',
    '--no-default-browser-check',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), // Chromium refuses to run as root otherwise
  ];
  const popupUrl = (id) => `chrome-extension://${id}/popup.html?url=${encodeURIComponent(wsUrl)}`;

  // Branded Google Chrome 137+ ignores --load-extension (only Chromium and Chrome for Testing
  // honour it). The route that works there is CDP's Extensions.loadUnpacked, which needs a pipe
  // connection and extensions enabled: puppeteer-core's browser.installExtension() does exactly that.
  if (/google-chrome|Google Chrome/.test(executablePath)) {
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      executablePath,
      headless: false,
      pipe: true,
      enableExtensions: true,
      userDataDir: tmpProfile,
      defaultViewport: null,
      args,
      ...noSignalHandlers,
    });
    browserHandle = { close: () => browser.close() };
    browser.on('disconnected', onBrowserClosed);
    const id = await browser.installExtension(distChrome);
    await ((await browser.pages())[0] ?? (await browser.newPage())).goto(popupUrl(id));
    await (await browser.newPage()).goto(demoUrl);
    return { name: `Google Chrome (${executablePath})`, popup: popupUrl(id) };
  }

  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(tmpProfile, {
    headless: false,
    executablePath,
    viewport: null, // let pages follow the window size
    args: [`--disable-extensions-except=${distChrome}`, `--load-extension=${distChrome}`, ...args],
    ...noSignalHandlers,
  });
  browserHandle = { close: () => context.close() };
  context.on('close', onBrowserClosed);
  // The extension id is derived from the install path: read it from the service worker, never hard-code it.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  // Popup first, demo page last, so the demo page ends up as the active tab.
  await (context.pages()[0] ?? (await context.newPage())).goto(popupUrl(id));
  await (await context.newPage()).goto(demoUrl);
  return { name: `Chromium (${executablePath})`, popup: popupUrl(id) };
}

async function launchFirefox() {
  const executablePath = findExecutable(
    'FIREFOX_PATH',
    ['firefox-esr', 'firefox'],
    ['/Applications/Firefox.app/Contents/MacOS/firefox'],
  );
  if (!executablePath) throw new Error('no Firefox found: set FIREFOX_PATH, or install firefox-esr');
  const { default: puppeteer } = await import('puppeteer-core');
  // Puppeteer creates (and removes on close) its own temporary Firefox profile.
  const browser = await puppeteer.launch({
    browser: 'firefox',
    headless: false,
    executablePath,
    defaultViewport: null,
    args: ['--remote-allow-system-access'], // lets WebDriver BiDi install a temporary add-on
    ...noSignalHandlers,
  });
  browserHandle = { close: () => browser.close() };
  browser.on('disconnected', onBrowserClosed);
  await browser.installExtension(distFirefox);
  const demo = (await browser.pages())[0] ?? (await browser.newPage());
  await demo.goto(demoUrl);
  return { name: `Firefox (${executablePath})` };
}

// 4. Browser, or instructions when there is nothing to show a browser on.
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (noBrowser) {
  printManualSteps('--no-browser: not launching a browser.');
} else if (headlessLinux) {
  printManualSteps('No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser is launched.');
} else {
  try {
    const launched = wantFirefox ? await launchFirefox() : await launchChromium();
    console.log(`Launched ${launched.name} with Socket Scope loaded.`);
    console.log(`  Demo page: ${demoUrl}`);
    if (launched.popup) console.log(`  Popup (as a tab, prefilled): ${launched.popup}`);
    console.log(
      wantFirefox
        ? '  Open DevTools (F12) on the demo page and pick the "WebSockets" tab; the toolbar icon opens the popup.'
        : '  DevTools is open on each tab: pick the "WebSockets" panel (it may be under the » overflow menu).',
    );
    console.log('\nClose the browser or press Ctrl+C to stop.');
  } catch (error) {
    if (stopping) process.exit(0); // the browser was closed while it was still starting up
    launchFailed = true;
    await browserHandle?.close().catch(() => {});
    browserHandle = undefined;
    printManualSteps(`Could not launch the browser: ${error?.message ?? error}`);
  }
}
