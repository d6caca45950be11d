import { describe, expect, it } from 'vitest';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';

describe.each(BROWSERS)('decoded summaries in the popup log in %s', (browserName) => {
  const suite = browserSuite(browserName);

  it('names a Socket.IO event, chosen from the URL, in both directions', async () => {
    const popup = await suite.session.openExtensionPage('popup.html');
    await popup.fill('textbox', 'URL', `${suite.server.url}/socket.io/?EIO=4&transport=websocket`);
    await popup.click('button', 'Connect');
    await popup.waitForText('status', 'Connection status', /Open since/);
    await popup.fill('textbox', 'Message', '42["chat:message","hi"]');
    await popup.click('button', 'Send');
    const log = await popup.waitForText('grid', 'Frames', /↓ Received .*EVENT chat:message \["hi"\]/);
    expect(log).toMatch(/↑ Sent .*EVENT chat:message \["hi"\]/);
    await popup.close();
  });
});
