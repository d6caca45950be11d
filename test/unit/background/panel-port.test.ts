import { describe, expect, it } from 'vitest';
import { createCaptureHub } from '../../../src/background/capture-hub';
import { createPageCommandRouter } from '../../../src/background/page-commands';
import { servePanel } from '../../../src/background/panel-port';
import { createMemoryChannelPair } from '../../../src/core/channel';
import { PROTOCOL_VERSION, type BackgroundToPanel, type PanelToBackground } from '../../../src/protocol';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('panel port', () => {
  it('answers every request, refuses a panel of another protocol version, and a command for a gone socket', async () => {
    const [panel, background] = createMemoryChannelPair<PanelToBackground, BackgroundToPanel>();
    servePanel(background, createCaptureHub(), createPageCommandRouter());
    const got: BackgroundToPanel[] = [];
    panel.onMessage((m) => got.push(m));
    const src = { source: 'socket-scope-panel', tabId: 4 } as const;
    panel.post({ ...src, id: 1, type: 'hello', version: PROTOCOL_VERSION + 1 });
    panel.post({ ...src, id: 2, type: 'hello', version: PROTOCOL_VERSION });
    panel.post({ ...src, id: 3, type: 'page-command', command: { type: 'simulate-error', socketId: 'gone' } });
    panel.post({ ...src, id: 4, type: 'subscribe' });
    await settle();
    const replies = got.filter((m) => m.type === 'reply');
    expect(replies).toEqual([
      {
        source: 'socket-scope-background',
        type: 'reply',
        id: 1,
        ok: false,
        error: 'Socket Scope was updated while this page was open: reload this panel.',
        versionMismatch: true,
      },
      { source: 'socket-scope-background', type: 'reply', id: 2, ok: true },
      {
        source: 'socket-scope-background',
        type: 'reply',
        id: 3,
        ok: false,
        error: 'That socket is closed or its page is gone.',
      },
      { source: 'socket-scope-background', type: 'reply', id: 4, ok: true },
    ]);
    // Subscribing brings the tab's capture and its rules before the reply.
    expect(got.map((m) => m.type).slice(-3)).toEqual(['capture-snapshot', 'rules', 'reply']);
  });
});
