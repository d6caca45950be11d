import type { ExtensionSession } from '../test/e2e/harness/session';
import { pageIdle, scrollThrough, TASKS, watchMainThread, type MainThread } from './frame-gaps';

export interface PanelScale {
  readonly firstRenderMs: number;
  readonly idle: MainThread;
  readonly busy: MainThread;
}

/**
 * Opens the panel on a tab holding a large capture and watches its main thread (watchMainThread)
 * while a regex filter runs and the frame table scrolls. Both browsers.
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

  const idle = await watchMainThread(panel, () => pageIdle(panel, 1_000), TASKS);
  const busy = await watchMainThread(
    panel,
    async () => {
      await panel.click('checkbox', 'Regex');
      await panel.fill('textbox', 'Filter', 'm9\\d*7$');
      await pageIdle(panel, 500);
      await panel.fill('textbox', 'Filter', '');
      await pageIdle(panel, 500);
      await scrollThrough(panel, '[role="grid"]');
    },
    TASKS,
  );
  await panel.close();
  return { firstRenderMs, idle, busy };
}
