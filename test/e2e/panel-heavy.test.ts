import { describe, expect, it } from 'vitest';
import type { SocketEvent } from '../../src/protocol';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import type { UiPage } from './harness/ui-page';

/** With hook-basic's 4 frames: exactly the capture's default cap of 100,000 frames, none dropped. */
const FRAMES = 99_996;

/**
 * The panel on 100,000 frames: loads, filters by regex and scrolls while an event-loop monitor
 * records the longest gap between timer callbacks (a main-thread task blocks them all). The
 * figures are printed; the budget is no task over 50 ms, asserted here with headroom for a
 * loaded CI machine running two browsers on two cores.
 */
describe.each(BROWSERS)('panel with 100,000 frames in %s', (browserName) => {
  const suite = browserSuite(browserName);
  let panel: UiPage;

  /**
   * Longest main-thread task since the last reset. Chromium reports each task over 50 ms
   * (Long Tasks API). Firefox has no such API: there the longest gap between 0 ms timer
   * callbacks stands in, an upper bound (input events run before timers, so a burst of
   * keystrokes, each a short task, shows as one gap).
   */
  const resetLag = () =>
    panel.evaluate(() => {
      type Lag = { max: number; last: number; tasks: boolean };
      const w = window as unknown as { lag: Lag };
      if (!w.lag) {
        const tasks = PerformanceObserver.supportedEntryTypes.includes('longtask');
        w.lag = { max: 0, last: performance.now(), tasks };
        if (tasks) {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.lag.max = Math.max(w.lag.max, e.duration);
          }).observe({ type: 'longtask' });
        } else {
          const tick = () => {
            const now = performance.now();
            w.lag.max = Math.max(w.lag.max, now - w.lag.last);
            w.lag.last = now;
            setTimeout(tick, 0);
          };
          tick();
        }
      }
      w.lag.max = 0;
      w.lag.last = performance.now();
    }, null);
  const maxLag = () => panel.evaluate(() => Math.round((window as unknown as { lag: { max: number } }).lag.max), null);

  it('loads, filters and scrolls 100,000 frames without blocking the UI for long', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/hook-basic.html`;
    await suite.session.openPage(pageUrl);
    const { tabId } = await waitForCapture(suite.session, pageUrl, (events) => events.some((e) => e.type === 'close'));
    // 100,000 more frames on that tab's socket, straight into the capture (the hook's own
    // throughput is measured elsewhere): ~70 B JSON text each, every 10th binary.
    await suite.session.background(
      (debug, { tabId: tab, frames }: { tabId: number; frames: number }) => {
        const socketId = debug.captureHub.logOf(tab)!.all()[0]!.socketId;
        const t0 = Date.now();
        const events: SocketEvent[] = [];
        for (let i = 0; i < frames; i++) {
          const payload =
            i % 10 === 9
              ? ({ kind: 'binary', base64: 'AAECAwQFBgc=' } as const)
              : ({
                  kind: 'text',
                  text: `{"type":"tick","seq":${i},"symbol":"${i % 7 ? 'FOO' : 'ACME'}","price":${(i % 1000) / 10}}`,
                } as const);
          events.push({ type: 'frame', socketId, time: t0 + i, direction: i % 2 ? 'in' : 'out', payload });
        }
        debug.captureHub.record(tab, events);
      },
      { tabId, frames: FRAMES },
    );
    const total = FRAMES + 7; // hook-basic: created, open, 4 frames, close
    expect(await suite.session.background((debug, tab: number) => debug.captureHub.logOf(tab)!.dropped, tabId)).toBe(0);

    const started = Date.now();
    panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.waitForText('status', 'Capture status', `${total.toLocaleString('en-US')} events`, 60_000);
    const loadMs = Date.now() - started;

    await resetLag();
    const filterStarted = Date.now();
    await panel.click('checkbox', 'Regex');
    await panel.fill('textbox', 'Filter', '"symbol":"ACME".*"price":9\\d\\.');
    const pattern = /"symbol":"ACME".*"price":9\d\./i;
    const expected = Array.from({ length: FRAMES }, (_, i) => i).filter(
      (i) =>
        i % 10 !== 9 &&
        pattern.test(`{"type":"tick","seq":${i},"symbol":"${i % 7 ? 'FOO' : 'ACME'}","price":${(i % 1000) / 10}}`),
    ).length;
    expect(expected).toBeGreaterThan(100);
    await panel.waitForText(
      'status',
      'Capture status',
      `${expected.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events`,
      30_000,
    );
    const filterMs = Date.now() - filterStarted;
    const filterLag = await maxLag();

    await panel.fill('textbox', 'Filter', '');
    await panel.waitForText('status', 'Capture status', new RegExp(`^${total.toLocaleString('en-US')} events`));
    await resetLag();
    for (const fraction of [0.1, 0.5, 0.9, 0.25]) {
      await panel.evaluate((f: number) => {
        const grid = document.querySelector('[role=grid]')!;
        grid.scrollTop = grid.scrollHeight * f;
      }, fraction);
      await panel.waitFor(async () => (await panel.text('grid', 'Frames')).includes('"seq":'), null);
    }
    await panel.click('row', /"seq":/);
    for (let i = 0; i < 30; i++) await panel.press('PageDown');
    await panel.waitForText('region', 'Details', '"seq":');
    const scrollLag = await maxLag();

    const what = browserName === 'chromium' ? 'longest task' : 'longest timer gap';
    console.log(
      `${browserName}: panel on ${total} events: loaded in ${loadMs} ms; regex filter typed and applied in ${filterMs} ms, ${what} ${filterLag} ms; scroll + 30 PageDown: ${what} ${scrollLag} ms`,
    );
    // Budget 50 ms per task. Wall-clock figures on a shared two-core machine run
    // several times slower under load (242 ms seen at load average 13, 76 ms when quieter): the
    // assertion catches a UI that blocks for whole seconds (an unsliced filter or render).
    const limit = 400;
    expect(filterLag).toBeLessThan(limit);
    expect(scrollLag).toBeLessThan(limit);
  }, 180_000);
});
