import type { EchoServer } from '../server/echo-server.mjs';
import type { ExtensionSession } from '../test/e2e/harness/session';
import { pageIdle, scrollThrough, TASKS, watchMainThread } from './frame-gaps';
import type { PanelScale } from './panel-scale';

/**
 * The popup reopened on a connection whose log holds `count` received frames: time until the
 * counters show them all, then its main thread (watchMainThread) while a regex filter runs over
 * the log and the log scrolls from top to bottom. Both browsers.
 */
export async function measurePopupAtScale(
  session: ExtensionSession,
  server: EchoServer,
  count: number,
): Promise<PanelScale> {
  const url = `${server.url}/burst?count=${count}`;
  const received = () =>
    session.background((debug, u: string) => {
      const ids = new Set(
        debug.connections
          .summaries()
          .filter((c: { url: string }) => c.url === u)
          .map((c: { id: string }) => c.id),
      );
      return debug.connections
        .events()
        .filter((e: { type: string; socketId: string }) => e.type === 'frame' && ids.has(e.socketId)).length;
    }, url);
  const filler = await session.openExtensionPage('popup.html');
  await filler.fill('textbox', 'URL', url);
  await filler.click('button', 'Connect');
  await filler.waitFor(async () => (await received()) >= count, null, 300_000);
  await filler.close();

  const started = Date.now();
  const popup = await session.openExtensionPage('popup.html');
  const all = `↓ ${count.toLocaleString('en-US')} frames`;
  await popup.waitForText('status', 'Counters', new RegExp(all), 120_000);
  const firstRenderMs = Date.now() - started;

  const idle = await watchMainThread(popup, () => pageIdle(popup, 1_000), TASKS);
  const busy = await watchMainThread(
    popup,
    async () => {
      await popup.click('checkbox', 'Regex');
      await popup.fill('textbox', 'Filter', 'burst \\d*97$');
      // The filter really ran over the whole log: the newest match shows, the newest entry does not.
      const filtered = await popup.waitForText('grid', 'Frames', new RegExp(`burst ${count - 3}$`), 120_000);
      if (filtered.includes(`burst ${count - 1}`)) throw new Error('the regex filter did not apply');
      await pageIdle(popup, 500);
      await popup.fill('textbox', 'Filter', '');
      await pageIdle(popup, 500);
      await scrollThrough(popup, '[role="grid"][aria-label="Frames"]');
    },
    TASKS,
  );
  await popup.click('button', 'Disconnect');
  await popup.close();
  return { firstRenderMs, idle, busy };
}
