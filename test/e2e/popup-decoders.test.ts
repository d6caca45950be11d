import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server.mjs';
import { BROWSERS, launch, type ExtensionSession } from './harness/session';

describe.each(BROWSERS)('decoded summaries in the popup log in %s', (browserName) => {
  let server: EchoServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await startEchoServer();
    session = await launch(browserName);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('names a Socket.IO event, chosen from the URL, in both directions', async () => {
    const popup = await session.openExtensionPage('popup.html');
    await popup.fill('textbox', 'URL', `${server.url}/socket.io/?EIO=4&transport=websocket`);
    await popup.click('button', 'Connect');
    await popup.waitForText('status', 'Connection status', /Open since/);
    await popup.fill('textbox', 'Message', '42["chat:message","hi"]');
    await popup.click('button', 'Send');
    const log = await popup.waitForText('log', 'Message log', /↓ Received .*EVENT chat:message \["hi"\]/);
    expect(log).toMatch(/↑ Sent .*EVENT chat:message \["hi"\]/);
    await popup.close();
  });
});
