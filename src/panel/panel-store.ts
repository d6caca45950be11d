import type { Channel } from '../core/channel';
import type { BackgroundToPanel, PanelToBackground, SocketEvent, SocketState } from '../protocol';

export interface SocketSummary {
  readonly socketId: string;
  url: string;
  frameUrl: string;
  state: SocketState;
  protocol: string;
  createdAt: number;
  closeCode: number | null;
  closeReason: string;
  framesIn: number;
  framesOut: number;
}

export interface PanelState {
  readonly tabId: number;
  readonly sockets: ReadonlyMap<string, SocketSummary>;
  /** Every captured event of the tab in order (frames of all sockets merged by time). */
  readonly events: readonly SocketEvent[];
  readonly selectedSocket: string | null;
  readonly dropped: number;
  readonly revision: number;
}

export type PanelChannel = Channel<PanelToBackground, BackgroundToPanel>;

/** Folds one event into the socket summaries (pure; exported for unit tests). */
export function applyToSockets(sockets: Map<string, SocketSummary>, e: SocketEvent): void {
  let s = sockets.get(e.socketId);
  if (!s) {
    s = {
      socketId: e.socketId,
      url: '',
      frameUrl: '',
      state: 'open', // a socket first seen on a send existed before the hook ran
      protocol: '',
      createdAt: e.time,
      closeCode: null,
      closeReason: '',
      framesIn: 0,
      framesOut: 0,
    };
    sockets.set(e.socketId, s);
  }
  switch (e.type) {
    case 'created':
      Object.assign(s, { url: e.url, frameUrl: e.frameUrl, state: 'connecting', createdAt: e.time });
      break;
    case 'open':
      Object.assign(s, { state: 'open', protocol: e.protocol });
      break;
    case 'frame':
      if (e.direction === 'in') s.framesIn++;
      else s.framesOut++;
      break;
    case 'close':
      Object.assign(s, { state: 'closed', closeCode: e.code, closeReason: e.reason });
      break;
    case 'error':
      break;
  }
}

export function createPanelStore(channel: PanelChannel, tabId: number) {
  const sockets = new Map<string, SocketSummary>();
  const events: SocketEvent[] = [];
  let state: PanelState = { tabId, sockets, events, selectedSocket: null, dropped: 0, revision: 0 };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<PanelState>) => {
    state = { ...state, ...patch, revision: state.revision + 1 };
    for (const l of listeners) l();
  };

  channel.onMessage((message) => {
    if (message.tabId !== tabId) return;
    if (message.type === 'capture-snapshot') {
      sockets.clear();
      events.length = 0;
    }
    for (const e of message.events) {
      events.push(e);
      applyToSockets(sockets, e);
    }
    set({ dropped: message.dropped });
  });
  channel.post({ source: 'socket-scope-panel', type: 'subscribe', tabId });

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    selectSocket(socketId: string | null) {
      set({ selectedSocket: socketId });
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
