import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import { connect } from './popup-helpers';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.each(BROWSERS)('popup connect and close in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it.each([
    ['a handshake rejected with 403', '/reject?status=403'],
    ['a refused connection', null],
  ])('shows %s as a failure with its close code', async (_what, route) => {
    const popup = await suite.session.openExtensionPage('popup.html');
    const url = route ? `${suite.server.url}${route}` : `ws://127.0.0.1:${await closedPort()}/`;
    await popup.fill('textbox', 'URL', url);
    await popup.click('button', 'Connect');
    await popup.waitForText(
      'status',
      'Connection status',
      'Failed to connect. Closed: 1006 Abnormal closure (no close frame: refused, dropped or failed handshake)',
    );
    const log = await popup.waitForText('grid', 'Frames', /■ Closed/);
    expect(log).toMatch(/⚠ Error \S+ Connection failed \(refused, unreachable, TLS or handshake rejected\)/);
    expect(log).toMatch(/■ Closed \S+ 1006 Abnormal closure .* \(not clean\)/);
    await popup.close();
  });

  it('validates the close code and reason before closing, then closes with them', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/`);
    await popup.fill('textbox', 'Close code', '1001');
    await popup.click('button', 'Close with code');
    await popup.waitForText('alert', null, 'Close code 1001 is not allowed: use 1000 or 3000–4999');
    await popup.fill('textbox', 'Close code', 'abc');
    await popup.click('button', 'Close with code');
    await popup.waitForText('alert', null, 'Close code "abc" is not a number: use 1000 or 3000–4999');
    await popup.fill('textbox', 'Close code', '4000');
    await popup.fill('textbox', 'Close reason', 'é'.repeat(62));
    await popup.click('button', 'Close with code');
    await popup.waitForText('alert', null, 'The close reason must be at most 123 UTF-8 bytes');
    expect(suite.server.connections()).toBe(1);
    await popup.fill('textbox', 'Close reason', 'bye now');
    await popup.click('button', 'Close with code');
    await popup.waitForText('status', 'Connection status', 'Closed: 4000 Application-defined — “bye now”');
    expect(await popup.exists('alert', null)).toBe(false);
    await popup.waitForText('grid', 'Frames', /■ Closed \S+ 4000 Application-defined — “bye now”$/);
    await popup.close();
  });

  it('shows a close from the server with its code and reason', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await popup.fill('textbox', 'URL', `${suite.server.url}/close?code=4001&reason=server-bye`);
    await popup.click('button', 'Connect');
    await popup.waitForText('status', 'Connection status', 'Closed: 4001 Application-defined — “server-bye”');
    await popup.close();
  });

  it('auto-reconnects with backoff and shows the attempt counter', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await popup.fill('textbox', 'URL', `${suite.server.url}/close?code=4002&reason=again`);
    await popup.click('checkbox', 'Auto-reconnect');
    await popup.click('button', 'Connect');
    await popup.waitForText(
      'status',
      'Connection status',
      /Closed: 4002 Application-defined — “again” · reconnect attempt 1 in [01] s/,
    );
    await popup.waitForText('status', 'Connection status', /reconnect attempt 2 in [0-2] s/, 10_000);
    await popup.click('button', 'Disconnect');
    await popup.waitForText('status', 'Connection status', /^Closed: 4002 Application-defined — “again”$/);
    await popup.close();
  });

  it('remembers recent URLs and saved endpoints across popups (storage.local)', async () => {
    let popup = await suite.session.openExtensionPage('popup.html');
    await connect(popup, `${suite.server.url}/recent`);
    await popup.fill('textbox', 'URL', `${suite.server.url}/saved`);
    await popup.fill('textbox', 'Subprotocols', 'chat');
    await popup.click('button', 'Save endpoint');
    await popup.waitFor(() => popup.exists('button', `Forget ${suite.server.url}/saved`), null);
    await popup.close();

    popup = await suite.session.openExtensionPage('popup.html');
    const recent = () =>
      popup.evaluate(
        () => [...document.querySelectorAll('#recent-urls option')].map((o) => (o as HTMLOptionElement).value),
        null,
      );
    await popup.waitFor(async () => (await recent()).includes(`${suite.server.url}/recent`), null);
    await popup.click('button', `${suite.server.url}/saved`);
    await popup.click('button', 'Connect');
    await popup.waitForText('status', 'Connection status', / · protocol chat · /);
    await popup.click('button', `Forget ${suite.server.url}/saved`);
    await popup.waitFor(async () => !(await popup.exists('button', `${suite.server.url}/saved`)), null);
    await popup.close();
  });
});
