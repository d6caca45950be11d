import type { ExtensionSession } from '../test/e2e/harness/session';

export interface PanelScale {
  readonly firstRenderMs: number;
  readonly idleGapMs: number;
  readonly longestGapMs: number;
}

/**
 * Opens the panel on a tab holding a large capture and measures, in the page, the longest gap
 * between animation frames (a main-thread task that long blocked rendering) while a regex filter
 * runs and the frame table scrolls. Works in both browsers (Firefox has no long-task observer).
 */
export async function measurePanelAtScale(session: ExtensionSession, tabId: number): Promise<PanelScale> {
  const started = Date.now();
  const panel = await session.openExtensionPage(`panel.html?tabId=${tabId}`);
  await panel.waitForText('grid', 'Frames', /\S/, 120_000);
  await panel.waitFor(
    async () => {
      const text = await panel.evaluate(() => document.body.textContent ?? '', null);
      return /[\d,]{5,} events/.test(text);
    },
    null,
    120_000,
  );
  const firstRenderMs = Date.now() - started;

  const startGapMeter = () =>
    panel.evaluate(() => {
      const w = window as unknown as { gap: number; stopGap: boolean };
      w.gap = 0;
      w.stopGap = false;
      let last = performance.now();
      const tick = (now: number) => {
        w.gap = Math.max(w.gap, now - last);
        last = now;
        if (!w.stopGap) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, null);
  const readGap = () =>
    panel.evaluate(() => {
      const w = window as unknown as { gap: number; stopGap: boolean };
      w.stopGap = true;
      return w.gap;
    }, null);
  const settle = (ms: number) => panel.evaluate((t) => new Promise((r) => setTimeout(r, t)), ms);

  await startGapMeter();
  await settle(1_000);
  const idleGapMs = await readGap();

  await startGapMeter();
  await panel.click('checkbox', 'Regex');
  await panel.fill('textbox', 'Filter', 'm9\\d*7$');
  await settle(500);
  await panel.fill('textbox', 'Filter', '');
  await settle(500);
  // Scroll the table from top to bottom in steps, one step per frame.
  await panel.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const grid = document.querySelector('[role="grid"]') as HTMLElement;
        let step = 0;
        const next = () => {
          grid.scrollTop = (grid.scrollHeight * step) / 60;
          if (++step <= 60) requestAnimationFrame(next);
          else resolve();
        };
        next();
      }),
    null,
  );
  const longestGapMs = await readGap();
  await panel.close();
  return { firstRenderMs, idleGapMs, longestGapMs };
}
