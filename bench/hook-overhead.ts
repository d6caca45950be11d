import type { CDPSession, Page as PuppeteerPage } from 'puppeteer-core';
import type { EchoServer } from '../server/echo-server.mjs';
import { waitForCaptureSummary } from '../test/e2e/harness/capture';
import type { ExtensionSession } from '../test/e2e/harness/session';
import type { UiPage } from '../test/e2e/harness/ui-page';

export interface Throughput {
  readonly ms: number;
  readonly perSecond: number;
  readonly bytesPerSecond: number;
}
export interface Latency {
  readonly mean: number;
  readonly median: number;
  readonly p99: number;
}

/** The page's result; a run in a hidden tab measured throttled timers, not the hook. */
async function readResult<T>(page: UiPage): Promise<T> {
  const text = await page.waitFor(
    () => page.evaluate(() => document.getElementById('result')?.textContent ?? '', null),
    null,
    300_000,
  );
  const result = JSON.parse(text) as T & { hiddenAtStart: boolean };
  if (result.hiddenAtStart) throw new Error(`the echo page ran hidden: ${page.url()}`);
  return result;
}

/** How one run of the echo page is set up. */
export interface EchoRun {
  /** The session has the extension: the run waits for its capture to settle first. */
  readonly extension: boolean;
  /** The extension's panel is open on the page during the run (extension sessions only). */
  readonly panel?: boolean;
  /**
   * Chromium, a session without the extension: DevTools' own capture, the peer the extension's
   * figures stand beside. A DevTools protocol client on the page's target turns the Network
   * domain on before the page loads and receives every `Network.webSocketFrameSent` and
   * `…Received` event (with its payload, as the DevTools front-end does); the run counts them and
   * fails unless every frame of it arrived.
   */
  readonly devtools?: boolean;
}

/** Chromium's DevTools capture on a page: the Network domain on, every WebSocket frame event received. */
async function startDevToolsCapture(page: UiPage): Promise<{ cdp: CDPSession; frames: () => number }> {
  // A session of its own on the page's target (launchUninspectedChromium's pages have none).
  const cdp = await (page.raw as PuppeteerPage).createCDPSession();
  let frames = 0;
  cdp.on('Network.webSocketFrameSent', () => void frames++);
  cdp.on('Network.webSocketFrameReceived', () => void frames++);
  await cdp.send('Network.enable');
  return { cdp, frames: () => frames };
}

/**
 * Runs the echo page once in a session and returns the page's own measurement. The page opens
 * its socket and waits (`wait=1`); with the extension, the timed run starts once the capture has
 * the socket and earlier writes have landed (the previous run's closed tab is deleted from
 * storage then, which is the bench's doing, not the page's). With `panel`, the panel shows the
 * socket first and renders every frame of the run live; it gets a window of its own and the
 * page's tab is brought to the front, as with DevTools beside a page: Firefox holds the timers
 * of a hidden tab (the hook's 20 ms batching among them) to once a second.
 */
export async function runEchoPage<T>(
  session: ExtensionSession,
  server: EchoServer,
  query: string,
  run: EchoRun,
): Promise<T> {
  const pageUrl = `${server.httpUrl}/pages/bench-echo.html?${query}&wait=1`;
  let devtools: Awaited<ReturnType<typeof startDevToolsCapture>> | null = null;
  let page: UiPage;
  if (run.devtools) {
    page = await session.openPage('about:blank');
    devtools = await startDevToolsCapture(page);
    await page.goto(pageUrl);
  } else {
    page = await session.openPage(pageUrl);
  }
  let panel: UiPage | null = null;
  if (run.extension) {
    const { tabId } = await waitForCaptureSummary(session, pageUrl, (s) => (s.types.open ?? 0) >= 1);
    if (run.panel) {
      panel = await session.openExtensionPage(`panel.html?tabId=${tabId}`, { window: true });
      // The socket's created and open events on screen: the panel is subscribed and rendering.
      await panel.waitForText('status', 'Capture status', /^2 events/);
    }
    await session.background((debug: { capture: { flush(): Promise<void> } }) => debug.capture.flush());
    await (page.raw as { bringToFront(): Promise<void> }).bringToFront();
  }
  await page.evaluate(() => (window as unknown as { startBench(): void }).startBench(), null);
  const result = await readResult<T>(page);
  if (devtools) {
    // Every frame of the run, sent and echoed, reached the client (n from the query).
    const expected = 2 * Number(new URLSearchParams(query).get('n'));
    const { frames } = devtools;
    await page.waitFor(() => frames() >= expected, null, 60_000);
    if (frames() !== expected) throw new Error(`DevTools got ${frames()} frame events, expected ${expected}`);
    await devtools.cdp.detach().catch(() => {});
  }
  await panel?.close();
  await page.close();
  return result;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One way of capturing an echo run, measured against the same session-less baseline. */
export interface Capturer {
  readonly name: string;
  readonly session: ExtensionSession;
  readonly run: EchoRun;
}

/**
 * The echo page's throughput without any capture, and with each capturer: one run of each in
 * turn, `runs` times, so that machine noise hits all alike; each figure is the median of its
 * runs, and its ratio is that median over the baseline's (budget ≥ 0.95 for the extension).
 */
export async function compareThroughput(
  without: ExtensionSession,
  capturers: readonly Capturer[],
  server: EchoServer,
  query: string,
  runs: number,
): Promise<{ without: number; with: Record<string, { with: number; ratio: number }> }> {
  const baseline: number[] = [];
  const captured = capturers.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    baseline.push((await runEchoPage<Throughput>(without, server, query, { extension: false })).perSecond);
    for (const [j, c] of capturers.entries())
      captured[j]!.push((await runEchoPage<Throughput>(c.session, server, query, c.run)).perSecond);
  }
  const wo = median(baseline);
  const out: Record<string, { with: number; ratio: number }> = {};
  for (const [j, c] of capturers.entries()) {
    const w = median(captured[j]!);
    out[c.name] = { with: w, ratio: w / wo };
  }
  return { without: wo, with: out };
}
