import { describe, expect, it } from 'vitest';
import type { SocketEvent } from '../../src/protocol';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { openLongLivedPage } from './harness/long-lived-page';
import { browserSuite } from './harness/suite';
import { fillExtensionStorage, SMALL_STORAGE_FIREFOX_PREFS, type FullStorage } from './harness/storage-quota';

/** Round trips the page makes while storage is full; each frame is larger than any room left. */
const ROUND_TRIPS = 8;
const FRAME_BYTES = 64 * 1024;
const STORAGE_FULL = /^Browser storage is full: this tab's capture is kept in memory only/;

const textOf = (e: SocketEvent) => (e.type === 'frame' && e.payload.kind === 'text' ? e.payload.text : null);

describe.each(BROWSERS)('capture while the browser storage is full, in %s', (browserName) => {
  const suite = browserSuite(browserName, { launch: { firefoxPrefs: SMALL_STORAGE_FIREFOX_PREFS } });

  it('the panel says the capture is in memory only, shows every frame, and the message goes once saving works again', async () => {
    // First thing after launch: Chromium's IndexedDB would trust older quota figures for 30 s.
    let storage: FullStorage | null = await fillExtensionStorage(suite.session, FRAME_BYTES);
    try {
      const { page, pageUrl } = await openLongLivedPage(suite, 'storage-full');
      // Random base64, so that no storage can compress it into the room left.
      const sent = await page.evaluate(
        async ({ count, bytes }) => {
          const texts: string[] = [];
          for (let i = 0; i < count; i++) {
            const random = new Uint8Array((bytes * 3) / 4);
            for (let at = 0; at < random.length; at += 65_536) crypto.getRandomValues(random.subarray(at, at + 65_536));
            let binary = '';
            for (const byte of random) binary += String.fromCharCode(byte);
            const text = `frame ${i}: ${btoa(binary)}`;
            await (window as unknown as { roundTrip(t: string): Promise<string> }).roundTrip(text);
            texts.push(text);
          }
          return texts;
        },
        { count: ROUND_TRIPS, bytes: FRAME_BYTES },
      );

      const frameCount = 2 * ROUND_TRIPS;
      const capture = await waitForCapture(
        suite.session,
        pageUrl,
        (ev) => ev.filter((e) => e.type === 'frame').length === frameCount,
      );
      const frames = capture.events.filter((e) => e.type === 'frame');
      expect(frames.filter((e) => e.direction === 'out').map(textOf)).toEqual(sent);
      expect(frames.filter((e) => e.direction === 'in').map(textOf)).toEqual(sent);

      const panel = await suite.session.openExtensionPage(`panel.html?tabId=${capture.tabId}`);
      const alert = await panel.waitForText(
        'alert',
        STORAGE_FULL,
        /would be lost if the browser stops the extension's background/,
      );
      expect(alert).toMatch(/saving is retried by itself/);
      expect(
        await suite.session.background(
          (debug, tabId: number) => debug.capture.saver.problemOf(tabId)?.reason,
          capture.tabId,
        ),
      ).toBe('quota');
      // Nothing is missing from the panel while nothing can be saved: socket created, open, every frame.
      await panel.waitForText('status', 'Capture status', new RegExp(`^${2 + frameCount} events`));
      await panel.fill('textbox', 'Filter', 'frame ');
      await panel.waitForText('status', 'Capture status', new RegExp(`^${frameCount} of ${2 + frameCount} events`));

      await storage.free();
      storage = null;
      // The next retry (backoff of a few seconds at most here) saves everything and ends the alert.
      await panel.waitFor(async () => !(await panel.exists('alert', STORAGE_FULL)), null, 40_000);
      const saved = await suite.session.background(async (debug, tabId: number) => {
        await debug.capture.flush();
        const savedEvents = (await debug.capture.persistence.load()).get(tabId)?.events ?? [];
        return {
          complete: JSON.stringify(savedEvents) === JSON.stringify(debug.captureHub.logOf(tabId)!.all()),
          count: savedEvents.length,
        };
      }, capture.tabId);
      expect(saved).toEqual({ complete: true, count: 2 + frameCount });
      await Promise.all([panel.close(), page.close()]);
    } finally {
      await storage?.free();
    }
  });
});
