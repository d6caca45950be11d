import { describe, expect, it } from 'vitest';
import type { SocketEvent } from '../../src/protocol';
import { waitForCapture, waitForCaptureSummary } from './harness/capture';
import { BROWSERS } from './harness/session';
import { openLongLivedPage } from './harness/long-lived-page';
import { browserSuite } from './harness/suite';

const FIREFOX_IDLE_MS = 1_500;

describe.each(BROWSERS)('capture lifecycle in %s', (browserName) => {
  const suite = browserSuite(browserName, {
    launch: { firefoxPrefs: { 'extensions.background.idle.timeout': FIREFOX_IDLE_MS } },
  });

  it('survives a restart of the background: the panel opened afterwards shows the same frames', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/hook-basic.html`;
    const page = await suite.session.openPage(pageUrl);
    const before = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    await suite.session.background((debug) => debug.capture.flush());

    await suite.session.restartBackground();

    const after = await waitForCapture(suite.session, pageUrl, (ev) => ev.length === before.events.length);
    expect(after.events).toEqual(before.events);
    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${after.tabId}`);
    await panel.waitForText('grid', 'Frames', /1000 Normal closure/);
    expect(await panel.text('grid', 'Frames')).toMatch(/Sent.*hello.*Received.*hello/s);
    await panel.close();
    await page.close();
  });

  it('a burst of 4,000 frames comes back whole and in order after a restart', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/heavy.html?mode=flood&n=2000&burst`;
    const page = await suite.session.openPage(pageUrl);
    const before = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    expect(before.events.filter((e) => e.type === 'frame')).toHaveLength(4_000);
    await suite.session.background((debug) => debug.capture.flush());

    await suite.session.restartBackground();

    const after = await waitForCapture(suite.session, pageUrl, (ev) => ev.length >= before.events.length);
    expect(after.events).toEqual(before.events);
    await page.close();
  });

  it('an open panel reconnects after the background restarts and keeps showing new frames', async () => {
    const { page, pageUrl, roundTrip } = await openLongLivedPage(suite, 'panel-reconnect');
    await roundTrip('before restart');
    const { tabId } = await waitForCapture(suite.session, pageUrl, (ev) =>
      ev.some((e) => e.type === 'frame' && e.direction === 'in'),
    );
    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.waitForText('grid', 'Frames', /before restart/);
    await suite.session.background((debug) => debug.capture.flush());

    await suite.session.restartBackground();
    await roundTrip('after restart');

    const frames = await panel.waitForText('grid', 'Frames', /after restart/);
    expect(frames).toMatch(/before restart.*after restart/s);
    await panel.close();
    await page.close();
  });

  it('a frame the background had not saved when it stopped is captured after the restart, once', async () => {
    const { page, pageUrl, roundTrip } = await openLongLivedPage(suite, 'unsaved');
    const frames = (events: SocketEvent[]) =>
      events.flatMap((e) =>
        e.type === 'frame' && e.payload.kind === 'text' ? [`${e.direction} ${e.payload.text}`] : [],
      );
    await roundTrip('saved');
    await waitForCapture(suite.session, pageUrl, (ev) => frames(ev).length === 2);
    // Saved, and the relay told so (the confirmation is posted before flush returns here).
    await suite.session.background((debug) => debug.capture.flush());

    // From here no write lands, as when the background stops in the middle of one.
    await suite.session.background((debug) => {
      debug.capture.persistence.append = () => new Promise(() => {});
    });
    await roundTrip('not saved');
    await waitForCapture(suite.session, pageUrl, (ev) => frames(ev).length === 4);
    await suite.session.restartBackground();

    const after = await waitForCapture(suite.session, pageUrl, (ev) => frames(ev).length >= 4);
    expect(frames(after.events)).toEqual(['out saved', 'in saved', 'out not saved', 'in not saved']);
    expect(after.events.map((e) => e.type)).toEqual(['created', 'open', 'frame', 'frame', 'frame', 'frame']);
    await page.close();
  });

  it('clears a tab on navigation, unless "Preserve log" is on', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/hook-basic.html?navigation`;
    const created = (events: { type: string }[]) => events.filter((e) => e.type === 'created').length;
    const closes = (events: { type: string }[]) => events.filter((e) => e.type === 'close').length;
    const page = await suite.session.openPage(pageUrl);
    const first = await waitForCapture(suite.session, pageUrl, (ev) => closes(ev) === 1);

    await page.goto(pageUrl); // a navigation: the old document's capture goes
    const reloaded = await waitForCapture(suite.session, pageUrl, (ev) => closes(ev) === 1 && created(ev) === 1);
    expect(reloaded.tabId).toBe(first.tabId);
    expect(reloaded.events[0]!.socketId).not.toBe(first.events[0]!.socketId);

    const panel = await suite.session.openExtensionPage(`panel.html?tabId=${first.tabId}`);
    await panel.click('button', 'Act');
    await panel.click('checkbox', 'Preserve log across navigation');
    // The background applies settings from storage.onChanged: wait until it has this one.
    await panel.waitFor(() => suite.session.background((debug) => debug.capture.settings().preserveLog), null);
    await page.goto(pageUrl);
    const preserved = await waitForCapture(suite.session, pageUrl, (ev) => closes(ev) === 2);
    expect(created(preserved.events)).toBe(2);
    await panel.close();
    await page.close();
  });

  it('applies a user-set frame limit at once and counts every frame beyond it', async () => {
    const panel = await suite.session.openExtensionPage('panel.html?tabId=0');
    await panel.click('button', 'Act');
    await panel.fill('spinbutton', 'Frame limit per tab', '100');
    await panel.press('Tab'); // the number is saved when the field is left (change event)
    await panel.waitFor(
      () => suite.session.background((debug) => debug.capture.settings().captureMaxFrames === 100),
      null,
    );

    const pageUrl = `${suite.server.httpUrl}/pages/heavy.html?mode=flood&n=200`;
    const page = await suite.session.openPage(pageUrl);
    const summary = await waitForCaptureSummary(suite.session, pageUrl, (s) => s.types.close === 1);
    expect({ frames: summary.frames, dropped: summary.dropped }).toEqual({ frames: 100, dropped: 300 });
    const tabPanel = await suite.session.openExtensionPage(`panel.html?tabId=${summary.tabId}`);
    await tabPanel.waitForText('status', null, /300 frames dropped/);

    await panel.fill('spinbutton', 'Frame limit per tab', '100000');
    await panel.press('Tab');
    await panel.waitFor(
      () => suite.session.background((debug) => debug.capture.settings().captureMaxFrames === 100_000),
      null,
    );
    await Promise.all([tabPanel.close(), panel.close(), page.close()]);
  });

  it('keeps a compacted capture across a restart: the newest frames, and the count of the dropped ones', async () => {
    const settings = await suite.session.openExtensionPage('panel.html?tabId=0');
    const setLimit = async (frames: number) => {
      await settings.fill('spinbutton', 'Frame limit per tab', String(frames));
      await settings.press('Tab');
      await settings.waitFor(
        () => suite.session.background((debug, n: number) => debug.capture.settings().captureMaxFrames === n, frames),
        null,
      );
    };
    await settings.click('button', 'Act');
    await setLimit(100);
    const { page, pageUrl, roundTrips } = await openLongLivedPage(suite, 'compacted');

    // Saved as they come; then more, until the saved copy is rewritten as what the tab keeps
    // (past twice the limit), with the first records still on disk.
    await roundTrips(0, 50);
    await waitForCaptureSummary(suite.session, pageUrl, (s) => s.frames === 100);
    await suite.session.background((debug) => debug.capture.flush());
    await roundTrips(50, 120);
    const summary = await waitForCaptureSummary(suite.session, pageUrl, (s) => s.frames + s.dropped === 240);
    expect({ frames: summary.frames, dropped: summary.dropped }).toEqual({ frames: 100, dropped: 140 });
    const before = await waitForCapture(suite.session, pageUrl, () => true);
    await suite.session.background((debug) => debug.capture.flush());

    await suite.session.restartBackground();

    const after = await waitForCapture(suite.session, pageUrl, (ev) => ev.length >= before.events.length);
    expect(after.events).toEqual(before.events);
    expect(await waitForCaptureSummary(suite.session, pageUrl, () => true)).toMatchObject({
      frames: 100,
      dropped: 140,
    });
    await setLimit(100_000);
    await Promise.all([settings.close(), page.close()]);
  });
});
