import type { EchoServer } from '../server/echo-server.mjs';
import { waitForCaptureSummary } from '../test/e2e/harness/capture';
import type { ExtensionSession } from '../test/e2e/harness/session';
import { TASKS, watchMainThread, type MainThread } from './frame-gaps';

export interface LiveResult {
  readonly mainThread: MainThread;
  readonly frames: number;
}

/** The panel open on a page that receives `rate` frames/s for `seconds`: what its main thread went through. */
export async function panelWhileReceiving(
  session: ExtensionSession,
  server: EchoServer,
  rate: number,
  seconds: number,
): Promise<LiveResult> {
  const pageUrl = `${server.httpUrl}/pages/stream.html`;
  const page = await session.openPage(pageUrl);
  const { tabId } = await waitForCaptureSummary(session, pageUrl, (s) => (s.types.created ?? 0) >= 1);
  const panel = await session.openExtensionPage(`panel.html?tabId=${tabId}`);
  await panel.waitForText('grid', 'Frames', /\S/);
  const pageLog = () => page.evaluate(() => document.getElementById('log')!.textContent ?? '', null);
  const mainThread = await watchMainThread(
    panel,
    async () => {
      await page.evaluate(
        (q) => (window as unknown as { start(q: string): void }).start(q),
        `rate=${rate}&seconds=${seconds}`,
      );
      await page.waitFor(async () => (await pageLog()).includes('received'), null, (seconds + 60) * 1_000);
    },
    TASKS,
  );
  const frames = Number(/received (\d+)/.exec(await pageLog())?.[1]);
  await panel.close();
  await page.close();
  return { mainThread, frames };
}

/** The popup connected to a `rate` frames/s stream for `seconds`: what its main thread went through. */
export async function popupWhileReceiving(
  session: ExtensionSession,
  server: EchoServer,
  rate: number,
  seconds: number,
): Promise<LiveResult> {
  const popup = await session.openExtensionPage('popup.html');
  const url = `${server.url}/stream?rate=${rate}&seconds=${seconds}`;
  const mainThread = await watchMainThread(
    popup,
    async () => {
      await popup.fill('textbox', 'URL', url);
      await popup.click('button', 'Connect');
      await popup.waitFor(
        () =>
          session.background(
            (debug, u: string) =>
              debug.connections
                .summaries()
                .some((c: { url: string; state: string }) => c.url === u && c.state === 'closed'),
            url,
          ),
        null,
        (seconds + 60) * 1_000,
      );
    },
    TASKS,
  );
  const frames = await session.background(
    (debug) =>
      debug.connections
        .events()
        .filter((e: { type: string; direction?: string }) => e.type === 'frame' && e.direction === 'in').length,
  );
  await popup.close();
  return { mainThread, frames };
}
