import type { ExtensionSession } from '../test/e2e/harness/session';
import { longestFrameGap, pageIdle, scrollThrough } from './frame-gaps';

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

  const idleGapMs = await longestFrameGap(panel, () => pageIdle(panel, 1_000));
  const longestGapMs = await longestFrameGap(panel, async () => {
    await panel.click('checkbox', 'Regex');
    await panel.fill('textbox', 'Filter', 'm9\\d*7$');
    await pageIdle(panel, 500);
    await panel.fill('textbox', 'Filter', '');
    await pageIdle(panel, 500);
    await scrollThrough(panel, '[role="grid"]');
  });
  await panel.close();
  return { firstRenderMs, idleGapMs, longestGapMs };
}
