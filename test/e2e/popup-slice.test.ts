import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { SCREENSHOTS } from './harness/browsers';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';

const CLOCK = /\d{2}:\d{2}:\d{2}\.\d{3}/;

describe.each(BROWSERS)('popup client in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('connects, sends hello, shows the echo with direction and time, and disconnects with a close code', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await popup.fill('textbox', 'URL', `${suite.server.url}/`);
    await popup.click('button', 'Connect');
    await popup.waitForText('status', 'Connection status', /Open since/);

    await popup.fill('textbox', 'Message', 'hello');
    await popup.click('button', 'Send');
    const log = await popup.waitForText('grid', 'Frames', /↓ Received \S+ 5 B text hello/);
    expect(log).toMatch(new RegExp(`↑ Sent ${CLOCK.source} 5 B text hello`));
    expect(log).toMatch(new RegExp(`↓ Received ${CLOCK.source} 5 B text hello`));
    // The sent frame comes before its echo.
    expect(log.indexOf('↑ Sent')).toBeLessThan(log.indexOf('↓ Received'));

    await popup.screenshot(path.join(SCREENSHOTS, `popup-${browserName}.png`), 'body');

    await popup.click('button', 'Disconnect');
    await popup.waitForText('status', 'Connection status', 'Closed: 1000 Normal closure');
    await popup.waitForText('grid', 'Frames', /■ Closed \S+ 1000 Normal closure/);
    await popup.close();
  });

  it.each([
    ['http//x', 'is not an absolute URL'],
    ['ftp://x', 'Unsupported scheme "ftp:"'],
    ['', 'Enter a WebSocket URL'],
  ])('rejects %j with a clear error and opens nothing', async (input, message) => {
    const before = await suite.session.background((debug) => debug.connections.summaries().length);
    const popup = await suite.session.openExtensionPage('popup.html');
    await popup.fill('textbox', 'URL', input);
    await popup.click('button', 'Connect');
    expect(await popup.waitForText('alert', null, message)).toContain(message);
    expect(await suite.session.background((debug) => debug.connections.summaries().length)).toBe(before);
    await popup.close();
  });
});
