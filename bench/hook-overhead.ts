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
  const page = await session.openPage(pageUrl);
  let panel: UiPage | null = null;
  if (run.extension) {
    const { tabId } = await waitForCaptureSummary(session, pageUrl, (s) => (s.types.open ?? 0) >= 1);
    if (run.panel) {
      panel = await session.openExtensionPage(`panel.html?tabId=${tabId}`, { window: true });
      // The socket's created and open events on screen: the panel is subscribed and rendering.
      await panel.waitForText('status', 'Capture status', /^2 events/);
    }
    await session.background((debug) => debug.capture.flush());
    await (page.raw as { bringToFront(): Promise<void> }).bringToFront();
  }
  await page.evaluate(() => (window as unknown as { startBench(): void }).startBench(), null);
  const result = await readResult<T>(page);
  await panel?.close();
  await page.close();
  return result;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Throughput with the hook vs. without, alternating runs so that machine noise hits both
 * alike; the ratio of medians is the figure (budget ≥ 0.95). `panel`: the extension's panel is
 * open on the page during the runs with the hook.
 */
export async function compareThroughput(
  withHook: ExtensionSession,
  without: ExtensionSession,
  server: EchoServer,
  query: string,
  runs: number,
  panel = false,
): Promise<{ with: number; without: number; ratio: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push((await runEchoPage<Throughput>(without, server, query, { extension: false })).perSecond);
    a.push((await runEchoPage<Throughput>(withHook, server, query, { extension: true, panel })).perSecond);
  }
  const w = median(a);
  const wo = median(b);
  return { with: w, without: wo, ratio: w / wo };
}
