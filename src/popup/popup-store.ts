import type { Channel } from '../core/channel';
import { STREAM_RENDER_INTERVAL_MS, throttle } from '../core/throttle';
import { checkCloseRequest } from '../core/close-codes';
import { EMPTY_FILTER, type FrameFilter } from '../inspector/model/filter';
import { hostPermissionFor, parseHeaderLines } from '../core/handshake-headers';
import { checkWebSocketUrl, parseSubprotocols } from '../core/ws-url';
import { createBackgroundLink, type BackgroundLink } from '../core/background-link';
import { VERSION_MISMATCH_TEXT } from '../core/requests';
import {
  PROTOCOL_VERSION,
  type BackgroundToPopup,
  type ConnectionSummary,
  type PopupRequest,
  type PopupToBackground,
  type RepeatPlan,
  type SocketEvent,
  type WirePayload,
} from '../protocol';
import { createConnectionLog, type ConnectionLog } from './connection-log';
import { errorText } from '../core/errors';

export interface PopupState {
  readonly connections: readonly ConnectionSummary[];
  /** Log of each connection; logs change in place, `revision` tells that something changed. */
  readonly logs: ReadonlyMap<string, ConnectionLog>;
  readonly selectedId: string | null;
  readonly error: string | null;
  readonly notice: string | null;
  /** The port to the background closed for good (extension reloaded or removed). */
  readonly backgroundLost: boolean;
  /** The filter of every connection's log (the inspector's). */
  readonly filter: FrameFilter;
  readonly revision: number;
}

export type PopupChannel = Channel<PopupToBackground, BackgroundToPopup> & {
  onReconnect?(listener: () => void): () => void;
};
type PopupPush = Exclude<BackgroundToPopup, { type: 'reply' }>;
export type PopupLink = BackgroundLink<PopupRequest, PopupPush>;

export const createPopupLink = (channel: PopupChannel): PopupLink =>
  createBackgroundLink(channel, (request, id) => ({ source: 'socket-scope-popup', id, ...request }));

type Action = PopupRequest;

/** Popup state outside the UI: components render it, the store decides and talks to the background. */
export interface PopupEnvironment {
  /** Asks the user for a host permission (must be called within the click that wants it). */
  requestHostPermission(pattern: string): Promise<boolean>;
}

/** A connection's log limit until its summary says otherwise (the background's default). */
const DEFAULT_FRAME_LIMIT = 100_000;

const noPermissions: PopupEnvironment = { requestHostPermission: () => Promise.resolve(false) };

export function createPopupStore(channel: PopupChannel, env: PopupEnvironment = noPermissions) {
  const logs = new Map<string, ConnectionLog>();
  let state: PopupState = {
    connections: [],
    logs,
    selectedId: null,
    error: null,
    notice: null,
    backgroundLost: false,
    filter: EMPTY_FILTER,
    revision: 0,
  };
  const listeners = new Set<() => void>();

  const set = (patch: Partial<PopupState>) => {
    state = { ...state, ...patch, revision: state.revision + 1 };
    for (const l of listeners) l();
  };
  const link = createPopupLink(channel);
  /** Sends a request; its error, if any, is shown (a version mismatch for good: reload). */
  const post = (message: Action) => {
    void link.request(message).then((reply) => {
      if (reply.ok) return;
      if (reply.versionMismatch) set({ error: VERSION_MISMATCH_TEXT, backgroundLost: true });
      else set({ error: reply.error });
    });
  };
  const logOf = (id: string, frameLimit?: number) => {
    let log = logs.get(id);
    if (!log) logs.set(id, (log = createConnectionLog(state.filter, frameLimit ?? DEFAULT_FRAME_LIMIT)));
    return log;
  };

  /** Events by connection, in order: a popup update interleaves its connections' events. */
  const byConnection = (events: readonly SocketEvent[]) => {
    const groups = new Map<string, SocketEvent[]>();
    for (const e of events) {
      const group = groups.get(e.socketId);
      if (group) group.push(e);
      else groups.set(e.socketId, [e]);
    }
    return groups;
  };

  const applyConnections = (connections: readonly ConnectionSummary[]) => {
    const known = new Set(state.connections.map((c) => c.id));
    const created = connections.filter((c) => !known.has(c.id));
    for (const c of connections) logOf(c.id, c.frameLimit).setFrameLimit(c.frameLimit);
    // A connection this popup just asked for becomes the selected one.
    let selectedId = created.at(-1)?.id ?? state.selectedId;
    if (!connections.some((c) => c.id === selectedId)) selectedId = connections.at(-1)?.id ?? null;
    return { connections, selectedId };
  };

  let latestConnections: readonly ConnectionSummary[] = [];
  const showUpdates = throttle(() => set(applyConnections(latestConnections)), STREAM_RENDER_INTERVAL_MS);

  link.onPush((message) => {
    switch (message.type) {
      case 'popup-snapshot': {
        // Each connection's log starts over from the snapshot; connections that are gone go.
        const groups = byConnection(message.events);
        for (const id of logs.keys()) if (!message.connections.some((c) => c.id === id)) logs.delete(id);
        for (const c of message.connections) logOf(c.id, c.frameLimit).replace(groups.get(c.id) ?? []);
        set(applyConnections(message.connections));
        break;
      }
      case 'popup-update':
        // The log takes the events now; the screen follows at most every STREAM_RENDER_INTERVAL_MS.
        for (const [id, events] of byConnection(message.events)) logOf(id).append(events);
        latestConnections = message.connections;
        showUpdates();
        break;
    }
  });
  link.onLost(() => set({ backgroundLost: true }));
  const hello = () => post({ type: 'hello', version: PROTOCOL_VERSION });
  // After a reconnect (Firefox suspended the background), resync: the snapshot replaces the logs.
  link.onReconnect(hello);
  hello();

  const selected = () => state.connections.find((c) => c.id === state.selectedId) ?? null;
  const withSelected = (fn: (c: ConnectionSummary) => void) => {
    const c = selected();
    if (!c) return set({ error: 'Connect first' });
    fn(c);
  };

  /** Posts to the selected connection if it is open; returns whether the request went out. */
  const postToOpen = (verb: string, message: (c: ConnectionSummary) => Action): boolean => {
    const c = selected();
    if (!c) return (set({ error: 'Connect first' }), false);
    if (c.state !== 'open') return (set({ error: `Cannot ${verb}: the connection is ${c.state}` }), false);
    if (state.error) set({ error: null });
    post(message(c));
    return true;
  };

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect(urlInput: string, protocolsInput: string, autoReconnect = false, headersInput = '') {
      const url = checkWebSocketUrl(urlInput);
      if (!url.ok) return set({ error: url.error, notice: null });
      const protocols = parseSubprotocols(protocolsInput);
      if (!protocols.ok) return set({ error: protocols.error, notice: null });
      const headers = parseHeaderLines(headersInput);
      if (!headers.ok) return set({ error: headers.error, notice: null });
      set({ error: null, notice: url.note ?? null });
      const message: Action = {
        type: 'connect',
        url: url.url,
        protocols: protocols.protocols,
        ...(autoReconnect ? { autoReconnect } : {}),
        ...(headers.headers.length ? { headers: headers.headers } : {}),
      };
      if (headers.headers.length === 0) return post(message);
      // Headers need the host permission for this origin only, asked for at the moment of use.
      const pattern = hostPermissionFor(url.url);
      env.requestHostPermission(pattern).then(
        (granted) =>
          granted
            ? post(message)
            : set({ error: `Handshake headers need access to ${pattern}; permission was not granted` }),
        (error: unknown) =>
          set({
            error: `Could not ask for access to ${pattern}: ${errorText(error)}`,
          }),
      );
    },
    /** Sends to the selected connection; returns whether the request went out. */
    send: (payload: WirePayload): boolean => postToOpen('send', (c) => ({ type: 'send', connectionId: c.id, payload })),
    /** Asks the background to send periodically on the selected connection; returns whether it went out. */
    startRepeat: (plan: RepeatPlan): boolean =>
      postToOpen('repeat', (c) => ({ type: 'start-repeat', connectionId: c.id, plan })),
    stopRepeat: () => withSelected((c) => post({ type: 'stop-repeat', connectionId: c.id })),
    sendText(text: string) {
      return this.send({ kind: 'text', text });
    },
    disconnect(code = 1000, reason = '') {
      withSelected((c) => {
        const problem = checkCloseRequest(code, reason);
        if (problem) return set({ error: problem });
        set({ error: null });
        post({ type: 'disconnect', connectionId: c.id, code, reason });
      });
    },
    clearLog: () => withSelected((c) => post({ type: 'clear-log', connectionId: c.id })),
    remove: (id: string) => post({ type: 'remove', connectionId: id }),
    setLogLimit: (maxFrames: number) =>
      withSelected((c) => post({ type: 'set-log-limit', connectionId: c.id, maxFrames })),
    /** One filter for every connection's log: switching connections keeps what the user asked for. */
    setFilter(filter: FrameFilter) {
      for (const log of logs.values()) log.inspector.setFilter(filter);
      set({ filter });
    },
    showError: (error: string | null) => set({ error }),
    select: (id: string) => set({ selectedId: id }),
    selected,
    selectedLog: () => (selected() ? logOf(state.selectedId!) : null),
  };
}

export type PopupStore = ReturnType<typeof createPopupStore>;
