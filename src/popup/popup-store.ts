import type { Channel } from '../core/channel';
import { checkCloseRequest } from '../core/close-codes';
import { checkWebSocketUrl, parseSubprotocols } from '../core/ws-url';
import type { BackgroundToPopup, ConnectionSummary, PopupToBackground, SocketEvent } from '../protocol';

export interface PopupState {
  readonly connections: readonly ConnectionSummary[];
  /** Log of each connection, in order. Arrays are appended in place; `revision` changes. */
  readonly logs: ReadonlyMap<string, readonly SocketEvent[]>;
  readonly selectedId: string | null;
  readonly error: string | null;
  readonly notice: string | null;
  /** The port to the background closed (extension reloaded or background suspended). */
  readonly backgroundLost: boolean;
  readonly revision: number;
}

export type PopupChannel = Channel<PopupToBackground, BackgroundToPopup>;

/** Popup state outside the UI: components render it, the store decides and talks to the background. */
export function createPopupStore(channel: PopupChannel) {
  const logs = new Map<string, SocketEvent[]>();
  let state: PopupState = { connections: [], logs, selectedId: null, error: null, notice: null, backgroundLost: false, revision: 0 };
  const listeners = new Set<() => void>();

  const set = (patch: Partial<PopupState>) => {
    state = { ...state, ...patch, revision: state.revision + 1 };
    for (const l of listeners) l();
  };
  const post = (message: PopupToBackground) => channel.post(message);

  const appendEvents = (events: readonly SocketEvent[]) => {
    for (const e of events) {
      let log = logs.get(e.socketId);
      if (!log) logs.set(e.socketId, (log = []));
      log.push(e);
    }
  };

  const applyConnections = (connections: readonly ConnectionSummary[]) => {
    const known = new Set(state.connections.map((c) => c.id));
    const created = connections.filter((c) => !known.has(c.id));
    // A connection this popup just asked for becomes the selected one.
    const selectedId = created.at(-1)?.id ?? state.selectedId ?? connections.at(-1)?.id ?? null;
    return { connections, selectedId };
  };

  channel.onMessage((message) => {
    switch (message.type) {
      case 'popup-snapshot':
        logs.clear();
        appendEvents(message.events);
        set(applyConnections(message.connections));
        break;
      case 'popup-update':
        appendEvents(message.events);
        set(applyConnections(message.connections));
        break;
      case 'popup-error':
        set({ error: message.message });
        break;
    }
  });
  channel.onDisconnect(() => set({ backgroundLost: true }));
  post({ source: 'socket-scope-popup', type: 'hello' });

  const selected = () => state.connections.find((c) => c.id === state.selectedId) ?? null;

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect(urlInput: string, protocolsInput: string) {
      const url = checkWebSocketUrl(urlInput);
      if (!url.ok) return set({ error: url.error, notice: null });
      const protocols = parseSubprotocols(protocolsInput);
      if (!protocols.ok) return set({ error: protocols.error, notice: null });
      set({ error: null, notice: url.note ?? null });
      post({ source: 'socket-scope-popup', type: 'connect', url: url.url, protocols: protocols.protocols });
    },
    sendText(text: string) {
      const c = selected();
      if (!c) return set({ error: 'Connect first' });
      if (c.state !== 'open') return set({ error: `Cannot send: the connection is ${c.state}` });
      set({ error: null });
      post({ source: 'socket-scope-popup', type: 'send', connectionId: c.id, payload: { kind: 'text', text } });
    },
    disconnect(code = 1000, reason = '') {
      const c = selected();
      if (!c) return;
      const problem = checkCloseRequest(code, reason);
      if (problem) return set({ error: problem });
      post({ source: 'socket-scope-popup', type: 'disconnect', connectionId: c.id, code, reason });
    },
    select(id: string) {
      set({ selectedId: id });
    },
    selected,
  };
}

export type PopupStore = ReturnType<typeof createPopupStore>;
