import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { waitForCapture, waitForCaptureSummary } from './harness/capture';
import { BROWSERS, type ExtensionSession } from './harness/session';
import { browserSuite } from './harness/suite';

async function runMode(session: ExtensionSession, url: string) {
  const page = await session.openPage(url);
  const text = await page.waitFor(
    () => page.evaluate(() => document.getElementById('result')?.textContent ?? '', null),
    null,
    60_000,
  );
  return { result: JSON.parse(text) as Record<string, unknown>, page };
}

describe.each(BROWSERS)('heavy and hostile pages in %s', (browserName) => {
  const suite = browserSuite(browserName, { baseline: true });
  const url = (mode: string, n = 0) => `${suite.server.httpUrl}/pages/heavy.html?mode=${mode}&n=${n}`;

  /** Runs a mode in both browsers; the page's own result must be the same with the hook. */
  async function sameWithAndWithout(pageUrl: string) {
    const [hooked, native] = await Promise.all([runMode(suite.session, pageUrl), runMode(suite.baseline, pageUrl)]);
    expect(hooked.result).toEqual(native.result);
    await native.page.close();
    return hooked;
  }

  it('100,000 small frames: the page sees every echo in order; capture keeps the newest 100,000 and counts the rest', async () => {
    const pageUrl = url('flood', 100_000);
    const { result, page } = await sameWithAndWithout(pageUrl);
    expect(result).toEqual({ received: 100_000, code: 1000 });
    const summary = await waitForCaptureSummary(suite.session, pageUrl, (s) => s.types.close === 1, 30_000);
    // 200,000 frames (both directions) against the default cap of 100,000: nothing lost silently.
    expect({ frames: summary.frames, dropped: summary.dropped }).toEqual({ frames: 100_000, dropped: 100_000 });
    const { tabId } = summary;

    // The extension stays responsive: the panel opens on that tab and shows the drop count.
    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.waitForText('status', 'Capture status', /100,000 frames dropped/);
    await panel.close();
    await page.close();
  });

  it('a 16 MiB frame goes out and comes back intact, and the capture holds its exact bytes', async () => {
    const pageUrl = url('big');
    const { result, page } = await sameWithAndWithout(pageUrl);
    expect(result).toEqual({ length: 16 * 1024 * 1024, same: true });
    const { events } = await waitForCapture(
      suite.session,
      pageUrl,
      (ev) => ev.filter((e) => e.type === 'frame').length === 2,
      30_000,
    );
    const expected = Buffer.alloc(16 * 1024 * 1024);
    for (let i = 0; i < expected.length; i++) expected[i] = (i * 31 + 7) & 0xff;
    const digest = createHash('sha256').update(expected).digest('hex');
    for (const e of events.filter((ev) => ev.type === 'frame')) {
      if (e.type !== 'frame' || e.payload.kind !== 'binary') throw new Error('expected binary frames');
      expect(createHash('sha256').update(Buffer.from(e.payload.base64, 'base64')).digest('hex')).toBe(digest);
    }
    await page.close();
  });

  it('300 sockets at once open and fail exactly as without the extension', async () => {
    const pageUrl = url('many', 300);
    const { result, page } = await sameWithAndWithout(pageUrl);
    expect((result.open as number) + (result.failed as number)).toBe(300);
    const { events } = await waitForCapture(
      suite.session,
      pageUrl,
      (ev) => ev.filter((e) => e.type === 'close').length === 300,
      30_000,
    );
    expect(events.filter((e) => e.type === 'created')).toHaveLength(300);
    expect(events.filter((e) => e.type === 'open')).toHaveLength(result.open as number);
    await page.close();
  });

  it('a hostile page (forged postMessage, own wrapper, frozen prototypes, broken globals) works and is captured', async () => {
    const pageUrl = url('hostile');
    const { result, page } = await sameWithAndWithout(pageUrl);
    expect(result).toEqual({ got: ['hostile text', '1,2,3'], code: 1000, messagesSeenByPage: 50 });
    const { events } = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    const frames = events.flatMap((e) =>
      e.type === 'frame' ? [`${e.direction} ${e.payload.kind === 'text' ? e.payload.text : e.payload.base64}`] : [],
    );
    expect(frames).toEqual(['out hostile text', 'out AQID', 'in hostile text', 'in AQID']);
    await page.close();
  });
});
