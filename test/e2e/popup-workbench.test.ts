import { describe, expect, it } from 'vitest';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import {
  backgroundFrameTexts,
  chooseFile,
  connect,
  pressCtrlEnter,
  send,
  waitForBackgroundFrames,
} from './popup-helpers';

describe.each(BROWSERS)('popup workbench in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('runs two connections at once, each with its own log, and shows them in a full tab', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/one`, 'chat, json');
    await popup.waitForText('status', 'Connection status', / · protocol chat · /);
    await send(popup, 'first');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 5 B text first/);
    await connect(popup, `${suite.server.url}/two`);
    await send(popup, 'second');
    const second = await popup.waitForText('grid', 'Frames', /↓ Received \S+ 6 B text second/);
    expect(second).not.toContain('first');
    await popup.click('tab', `${suite.server.url}/one`);
    const first = await popup.waitForText('grid', 'Frames', /↓ Received \S+ 5 B text first/);
    expect(first).not.toContain('second');

    await popup.click('button', 'Open in tab');
    const tabUrl = suite.session.extensionUrl('popup.html?view=tab');
    await popup.waitFor(
      () =>
        popup.evaluate(async (u) => {
          const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? chrome;
          return (await api.tabs.query({})).some((t) => t.url === u);
        }, tabUrl),
      null,
    );
    const tab = await suite.session.openExtensionPage('popup.html?view=tab');
    expect(await tab.text('tab', `${suite.server.url}/two`)).toBe(`${suite.server.url}/two`);
    await tab.click('tab', `${suite.server.url}/one`);
    await tab.waitForText('grid', 'Frames', /↑ Sent \S+ 5 B text first/);
    await tab.close();
    await popup.close();
  });

  it('repeats a message from the background with the popup closed, and stops on request', async () => {
    let popup = await suite.session.openExtensionPage('popup.html');
    const url = `${suite.server.url}/repeat`;
    await connect(popup, url);
    await popup.click('checkbox', 'Expand {{variables}}');
    await popup.click('checkbox', 'Repeat');
    await popup.fill('textbox', 'Message', '{"beat":{{counter}}}');
    await popup.fill('textbox', 'Every (ms)', '5');
    await popup.click('button', 'Start repeating');
    await popup.waitForText('alert', null, 'Repeat every: a whole number of milliseconds from 10 to 86,400,000');
    await popup.fill('textbox', 'Every (ms)', '150');
    await popup.fill('textbox', 'Times', '0');
    await popup.click('button', 'Start repeating');
    await popup.waitForText(
      'alert',
      null,
      'Times: a whole number from 1 to 1,000,000, or empty to repeat until stopped',
    );
    await popup.fill('textbox', 'Times', '6');
    await popup.click('button', 'Start repeating');
    await popup.waitForText('status', 'Repeat', /^Repeating every 150 ms · [1-5] of 6 sent$/);
    await popup.close();

    // The background goes on alone: all six beats go out and come back, in order.
    const beats = ['{"beat":1}', '{"beat":2}', '{"beat":3}', '{"beat":4}', '{"beat":5}', '{"beat":6}'];
    expect(await waitForBackgroundFrames(suite.session, url, 'in', (texts) => texts.length >= 6)).toEqual(beats);

    popup = await suite.session.openExtensionPage('popup.html');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 10 B text \{"beat":6\}/);
    expect(await popup.exists('status', 'Repeat')).toBe(false);

    // Until stopped: stop it, then a marker's echo shows that nothing went out after the stop.
    await popup.click('checkbox', 'Repeat');
    await popup.fill('textbox', 'Message', 'tick');
    await popup.fill('textbox', 'Every (ms)', '20');
    await popup.click('button', 'Start repeating');
    await popup.waitForText('status', 'Repeat', /^Repeating every 20 ms · ([3-9]|\d\d+) sent, until stopped$/);
    await popup.click('button', 'Stop repeating');
    await popup.waitFor(async () => !(await popup.exists('status', 'Repeat')), null);
    await popup.click('checkbox', 'Repeat');
    await send(popup, 'marker');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 6 B text marker\b/);
    const sent = await backgroundFrameTexts(suite.session, url, 'out');
    expect(sent.slice(0, 6)).toEqual(beats);
    expect(new Set(sent.slice(6, -1))).toEqual(new Set(['tick']));
    expect(sent.at(-1)).toBe('marker');
    await popup.click('button', 'Disconnect');
    await popup.close();
  });

  it('sends binary from hex, base64 and a file, and receives the exact bytes', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/`);
    await popup.click('radio', 'Message format: Hex');
    await send(popup, '00 01 02 fe ff');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 5 B binary 00 01 02 fe ff/);
    await popup.click('radio', 'Message format: Base64');
    await send(popup, '3q2+7w');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 4 B binary de ad be ef/);
    await send(popup, 'not base64!');
    await popup.waitForText('alert', null, 'Invalid base64: "!" is not a base64 character');
    await chooseFile(suite.session, popup, 'Send a file as binary', 'bytes.bin', Buffer.from([0x80, 0x00, 0x7f, 0x0a]));
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 4 B binary 80 00 7f 0a/);
    const received = await suite.session.background((debug) =>
      debug.connections
        .events()
        .flatMap((e) =>
          e.type === 'frame' && e.direction === 'in' && e.payload.kind === 'binary' ? [e.payload.base64] : [],
        ),
    );
    expect(received.slice(-3)).toEqual(['AAEC/v8=', '3q2+7w==', 'gAB/Cg==']);

    // Detail view of the last frame: hex dump and base64, exactly.
    await popup.click('row', /4 B binary 80 00 7f 0a$/);
    await popup.waitForText('region', 'Details', 'Copy');
    await popup.click('tab', 'Hex');
    expect(await popup.text('document', 'Payload')).toBe(
      '00000000  80 00 7f 0a                                       ....',
    );
    await popup.click('tab', 'Base64');
    expect(await popup.text('document', 'Payload')).toBe('gAB/Cg==');
    await popup.close();
  });

  it('JSON mode validates, pretty-prints and minifies; ↑ recalls; RTT pairs the echo', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/`);
    await popup.click('radio', 'Message format: JSON');
    await send(popup, '{"id": 1, ');
    expect(await popup.waitForText('alert', null, 'Invalid JSON: ')).toMatch(/^Invalid JSON: .+/);
    await popup.fill('textbox', 'Message', '{"id":7,"op":"ping"}');
    await popup.click('button', 'Pretty-print');
    await popup.waitFor(
      () =>
        popup
          .evaluate(() => document.querySelector('textarea')!.value, null)
          .then((v) => v === '{\n  "id": 7,\n  "op": "ping"\n}'),
      null,
    );
    await popup.click('button', 'Minify');
    await popup.waitFor(
      () =>
        popup.evaluate(() => document.querySelector('textarea')!.value, null).then((v) => v === '{"id":7,"op":"ping"}'),
      null,
    );
    await popup.click('textbox', 'Message');
    await pressCtrlEnter(popup);
    const log = await popup.waitForText(
      'grid',
      'Frames',
      /↓ Received \S+ 20 B text \{"id":7,"op":"ping"\} RTT \d+\.\d ms/,
    );
    expect(log).toMatch(/↑ Sent \S+ 20 B text \{"id":7,"op":"ping"\}/);
    await popup.waitForText(
      'status',
      'Counters',
      /^↑ 1 frames, 20 B · ↓ 1 frames, 20 B · .* · RTT last \d+\.\d ms, avg \d+\.\d ms \(1\)$/,
    );
    await popup.fill('textbox', 'Message', '');
    await popup.press('ArrowUp');
    await popup.waitFor(
      () =>
        popup.evaluate(() => document.querySelector('textarea')!.value, null).then((v) => v === '{"id":7,"op":"ping"}'),
      null,
    );
    await popup.close();
  });

  it('expands {{variables}} in templates at send time', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/`);
    await popup.click('checkbox', 'Expand {{variables}}');
    await popup.fill('textbox', 'Variables (name=value)', 'user=ada');
    await send(popup, '{"n":{{counter}},"u":"{{user}}"}');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 17 B text \{"n":1,"u":"ada"\}/);
    await send(popup, '{"n":{{counter}},"u":"{{user}}"}');
    await popup.waitForText('grid', 'Frames', /↓ Received \S+ 17 B text \{"n":2,"u":"ada"\}/);
    await send(popup, '{{nobody}}');
    await popup.waitForText('alert', null, 'Unknown variable {{nobody}}: define it as nobody=value under Variables');
    await popup.close();
  });
});
