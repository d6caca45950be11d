import type { Channel } from '../core/channel';
import type { BackgroundToRelay, FrameRule, PageCommand, RelayCapture, SocketEvent } from '../protocol';

export type RelayChannel = Channel<BackgroundToRelay, RelayCapture>;

/**
 * Routes panel commands to the page hook that owns the socket. Each frame's relay has its own
 * port; a socket belongs to the relay that reported it. Rules are per tab and go to every
 * frame of the tab, including frames whose relay connects later.
 */
export function createPageCommandRouter() {
  const relaysByTab = new Map<number, Set<RelayChannel>>();
  const relayOfSocket = new Map<string, RelayChannel>();
  const rulesByTab = new Map<number, readonly FrameRule[]>();

  const send = (relay: RelayChannel, command: PageCommand) =>
    relay.post({ source: 'socket-scope-background', type: 'page-command', command });

  return {
    /** A relay port of `tabId` (the tab as the browser reports the sender). */
    addRelay(tabId: number, relay: RelayChannel): void {
      let relays = relaysByTab.get(tabId);
      if (!relays) relaysByTab.set(tabId, (relays = new Set()));
      relays.add(relay);
      relay.onDisconnect(() => {
        relays.delete(relay);
        for (const [socketId, owner] of relayOfSocket) if (owner === relay) relayOfSocket.delete(socketId);
      });
      const rules = rulesByTab.get(tabId);
      if (rules?.length) send(relay, { type: 'set-rules', rules });
    },
    /** Learns which relay owns which socket from the events it reports. */
    noteEvents(relay: RelayChannel, events: readonly SocketEvent[]): void {
      for (const e of events) {
        if (e.type === 'created') relayOfSocket.set(e.socketId, relay);
        else if (e.type === 'close') relayOfSocket.delete(e.socketId);
      }
    },
    /** Returns an error message for the user, or null when the command went out. */
    run(tabId: number, command: PageCommand): string | null {
      if (command.type === 'set-rules') {
        rulesByTab.set(tabId, command.rules);
        for (const relay of relaysByTab.get(tabId) ?? []) send(relay, command);
        return null;
      }
      const relay = relayOfSocket.get(command.socketId);
      if (!relay || !relaysByTab.get(tabId)?.has(relay)) return 'That socket is closed or its page is gone.';
      send(relay, command);
      return null;
    },
    rulesOf(tabId: number): readonly FrameRule[] {
      return rulesByTab.get(tabId) ?? [];
    },
    forgetTab(tabId: number): void {
      rulesByTab.delete(tabId);
      relaysByTab.delete(tabId);
    },
  };
}

export type PageCommandRouter = ReturnType<typeof createPageCommandRouter>;
