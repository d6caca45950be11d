import { createBackgroundLink, type BackgroundLink } from '../core/background-link';
import type { Channel } from '../core/channel';
import { VERSION_MISMATCH_TEXT } from '../core/requests';
import type { EventStoreBounds } from '../inspector/model/event-store';
import { createInspectorStore, inspectorStoreOf, type InspectorStore } from '../inspector/model/inspector-store';
import {
  PROTOCOL_VERSION,
  type BackgroundToPanel,
  type PanelRequest,
  type PanelToBackground,
  type SaveProblem,
  type SocketEvent,
} from '../protocol';

export interface PanelState {
  readonly tabId: number;
  /** What the table shows: the live capture of the tab, or an imported file. */
  readonly view: InspectorStore;
  /** null: the live capture; else the name of the imported file being viewed. */
  readonly importedFrom: string | null;
  /** Frames the background dropped from the tab's capture (its limits). */
  readonly dropped: number;
  /** The background cannot be reached or refused this panel (another version): shown as an alert. */
  readonly linkProblem: string | null;
  /** Why the live capture is not being saved (kept in memory only), or null while saving works. */
  readonly saveProblem: SaveProblem | null;
  readonly revision: number;
}

export type PanelChannel = Channel<PanelToBackground, BackgroundToPanel> & {
  onReconnect?(listener: () => void): () => void;
};
export type PanelPush = Exclude<BackgroundToPanel, { type: 'reply' }>;
/** The panel's one link to the background, shared by its stores (request ids are per link). */
export type PanelLink = BackgroundLink<PanelRequest, PanelPush>;

export const createPanelLink = (channel: PanelChannel, tabId: number): PanelLink =>
  createBackgroundLink(channel, (request, id) => ({ source: 'socket-scope-panel', id, tabId, ...request }));

/**
 * The panel: the tab's live capture (an inspector store fed by the background) and, while a
 * saved file is viewed, that file's store instead; the live capture goes on behind it.
 */
export function createPanelStore(link: PanelLink, tabId: number) {
  const live = createInspectorStore();
  let state: PanelState = {
    tabId,
    view: live,
    importedFrom: null,
    dropped: 0,
    linkProblem: null,
    saveProblem: null,
    revision: 0,
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<PanelState>) => {
    state = { ...state, ...patch, revision: state.revision + 1 };
    for (const l of listeners) l();
  };
  const showProblem = (problem: string) => set({ linkProblem: problem });

  link.onPush((message) => {
    if (message.tabId !== tabId) return;
    switch (message.type) {
      case 'save-status':
        return set({ saveProblem: message.problem });
      case 'capture-snapshot':
        // A save problem, if any, follows the snapshot (a restarted background has none to tell).
        live.replace(message.events);
        return set({ saveProblem: null, dropped: message.dropped });
      case 'capture-update':
        live.append(message.events);
        if (message.dropped !== state.dropped) set({ dropped: message.dropped });
        return;
      case 'rules':
        return; // the act store's (act-store.ts)
    }
  });

  /** Hello (the protocol version), then the tab's capture; again after the background restarted. */
  const subscribe = async () => {
    const hello = await link.request({ type: 'hello', version: PROTOCOL_VERSION });
    if (!hello.ok) return showProblem(hello.versionMismatch ? VERSION_MISMATCH_TEXT : hello.error);
    const subscribed = await link.request({ type: 'subscribe' });
    if (!subscribed.ok) showProblem(subscribed.error);
  };
  link.onReconnect(() => void subscribe());
  link.onLost(() =>
    showProblem('Lost the connection to the extension background (was it reloaded?): reopen DevTools.'),
  );
  void subscribe();

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    live,
    /** Clears the tab's capture in the background; its empty snapshot resets the view. */
    clear: () =>
      void link.request({ type: 'clear' }).then((reply) => {
        if (!reply.ok) showProblem(reply.error);
      }),
    /** Views a saved session instead of the live capture (which goes on behind it). */
    showImported(name: string, events: readonly SocketEvent[]) {
      const view = inspectorStoreOf(events);
      view.setFilter(live.getState().filter);
      set({ view, importedFrom: name });
    },
    showLive: () => set({ view: live, importedFrom: null }),
    /** The capture settings' limits, so that the panel holds no more than the background. */
    setBounds: (bounds: EventStoreBounds) => live.setBounds(bounds),
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
