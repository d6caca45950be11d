import { describe, expect, it } from 'vitest';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';

describe.each(BROWSERS)('page hook capture in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('reports open, both sends, both receives and the close, with exact bytes, in order', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/hook-basic.html`;
    const page = await suite.session.openPage(pageUrl);
    // What the page itself saw: proves the hook did not change its behaviour.
    const pageLog = () => page.evaluate(() => document.getElementById('log')!.textContent ?? '', null);
    await page.waitFor(async () => (await pageLog()).includes('closed'), null);
    expect(await pageLog()).toBe('text hello\nbinary 0,1,2,127,128,255\nclosed 1000 done\n');
    const { events } = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    const socketUrl = `${suite.server.url}/`;
    expect(events.map((e) => e.type)).toEqual(['created', 'open', 'frame', 'frame', 'frame', 'frame', 'close']);
    const frames = events.filter((e) => e.type === 'frame');
    expect(frames.map((f) => [f.direction, f.payload])).toEqual([
      ['out', { kind: 'text', text: 'hello' }],
      ['out', { kind: 'binary', base64: Buffer.from([0, 1, 2, 127, 128, 255]).toString('base64') }],
      ['in', { kind: 'text', text: 'hello' }],
      ['in', { kind: 'binary', base64: Buffer.from([0, 1, 2, 127, 128, 255]).toString('base64') }],
    ]);
    expect(events[0]).toMatchObject({ type: 'created', url: socketUrl, frameUrl: pageUrl, protocols: [] });
    expect(events.at(-1)).toMatchObject({ type: 'close', code: 1000, reason: 'done', wasClean: true });
    await page.close();
  });

  it('records a server that vanishes mid-frame as an unclean 1006 close, as the page sees it', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/vanish.html`;
    const page = await suite.session.openPage(pageUrl);
    const pageLog = () => page.evaluate(() => document.getElementById('log')!.textContent ?? '', null);
    await page.waitFor(async () => (await pageLog()).includes('close'), null);
    // Both browsers drop the half frame and report no error event, only the abnormal close.
    expect(await pageLog()).toBe('close 1006 false\n');
    const { events } = await waitForCapture(suite.session, pageUrl, (ev) => ev.some((e) => e.type === 'close'));
    expect(events.map((e) => e.type)).toEqual(['created', 'open', 'frame', 'close']);
    expect(events.at(-1)).toMatchObject({ code: 1006, wasClean: false });
    await page.close();
  });
});
