import { VERSION_MISMATCH_TEXT } from '../core/requests';
import { PROTOCOL_VERSION, replyTo, type PanelToBackground, type ReplyResult } from '../protocol';
import type { CaptureHub, PanelChannel } from './capture-hub';
import type { PageCommandRouter } from './page-commands';

/**
 * Serves one panel port: its requests (hello, subscribe, clear, page commands), each answered
 * with a reply. A panel watches one tab at a time, the one it last subscribed to; it may clear
 * only that tab's capture.
 */
export function servePanel(panel: PanelChannel, hub: CaptureHub, pageCommands: PageCommandRouter): void {
  let watchedTab: number | null = null;

  const handle = (message: PanelToBackground): ReplyResult => {
    switch (message.type) {
      case 'hello':
        return message.version === PROTOCOL_VERSION ? { ok: true } : { ok: false, error: VERSION_MISMATCH_TEXT };
      case 'subscribe':
        watchedTab = message.tabId;
        hub.watch(message.tabId, panel);
        panel.post({
          source: 'socket-scope-background',
          type: 'rules',
          tabId: message.tabId,
          rules: pageCommands.rulesOf(message.tabId),
        });
        return { ok: true };
      case 'clear':
        if (message.tabId !== watchedTab) return { ok: false, error: 'Subscribe to a tab before clearing it' };
        hub.clearTab(message.tabId);
        return { ok: true };
      case 'page-command': {
        const error = pageCommands.run(message.tabId, message.command);
        return error ? { ok: false, error } : { ok: true };
      }
    }
  };

  panel.onMessage((message) => {
    const result = handle(message);
    panel.post(replyTo(message.id, result, message.type === 'hello' && !result.ok));
  });
  panel.onDisconnect(() => hub.unwatch(panel));
}
