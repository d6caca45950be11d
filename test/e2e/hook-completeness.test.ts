import { describe, expect, it } from 'vitest';
import type { SocketEvent } from '../../src/protocol';
import { waitForCapture } from './harness/capture';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';

const hex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');
const framesOf = (events: SocketEvent[], socketId: string) =>
  events.flatMap((e) =>
    e.type === 'frame' && e.socketId === socketId
      ? [`${e.direction} ${e.payload.kind === 'text' ? e.payload.text : hex(e.payload.base64)}`]
      : [],
  );

describe.each(BROWSERS)('capture completeness in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('captures every payload type with exact bytes in order, and sockets of every kind of frame', async () => {
    const pageUrl = `${suite.server.httpUrl}/pages/capture-matrix.html`;
    const page = await suite.session.openPage(pageUrl);
    const closes = (events: SocketEvent[]) => events.filter((e) => e.type === 'close').length;
    const { events } = await waitForCapture(suite.session, pageUrl, (ev) => closes(ev) >= 6);

    const created = events.filter((e) => e.type === 'created');
    const main = created.find((e) => e.frameUrl === pageUrl);
    expect(main).toBeDefined();
    // The initiator: the page script that created the socket, and nothing of the hook's own
    // frames (Chrome names them after hook.js, Firefox "<anonymous code>").
    expect(main!.initiator!.split('\n')).toEqual([
      expect.stringMatching(/^( {4}at |@)http:\/\/127\.0\.0\.1:\d+\/pages\/capture-matrix\.html:\d+:\d+$/),
    ]);
    const large = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i + 1) % 251)).toString('hex');
    const payloads = ['010203', '0c0d0e', '0f10', '0201', '0a0b0c0d0e0f1011', 'text after binary', large];
    expect(framesOf(events, main!.socketId)).toEqual([
      ...payloads.map((p) => `out ${p}`),
      ...payloads.map((p) => `in ${p}`),
    ]);

    // One socket per frame, each with its frame's URL, its frame and its close.
    const byName = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'close' && e.reason !== 'payloads') byName.set(e.reason, e.socketId);
    }
    const nullProtocol = byName.get('null protocol');
    byName.delete('null protocol');
    expect(created.find((e) => e.socketId === nullProtocol)?.protocols).toEqual(['null']);
    expect([...byName.keys()].sort()).toEqual(['about:blank', 'cross-origin', 'same-origin', 'srcdoc']);
    for (const [name, socketId] of byName) expect(framesOf(events, socketId)).toEqual([`out ${name}`, `in ${name}`]);
    const frameUrlOf = (name: string) => created.find((e) => e.socketId === byName.get(name))?.frameUrl;
    expect(frameUrlOf('cross-origin')).toBe(
      `http://localhost:${suite.server.port}/pages/frame-socket.html?name=cross-origin`,
    );
    expect(frameUrlOf('same-origin')).toBe(`${suite.server.httpUrl}/pages/frame-socket.html?name=same-origin`);
    expect(frameUrlOf('srcdoc')).toBe('about:srcdoc');
    await page.close();
  });
});
