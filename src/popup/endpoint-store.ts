import {
  readEndpointLists,
  rememberUrl,
  saveEndpoint,
  type EndpointLists,
  type SavedEndpoint,
} from '../core/endpoints';

export interface EndpointStorage {
  load(): Promise<unknown>;
  save(lists: EndpointLists): Promise<void>;
}

/** Recent URLs and saved endpoints (storage.local through `storage`), for the connect form. */
export function createEndpointStore(storage: EndpointStorage) {
  let state: EndpointLists = { recentUrls: [], endpoints: [] };
  const listeners = new Set<() => void>();
  const set = (next: EndpointLists, persist: boolean) => {
    state = next;
    for (const l of listeners) l();
    if (persist) storage.save(state).catch((error: unknown) => console.warn('could not save endpoints', error));
  };
  // TRICKY: edits made before the stored lists have loaded (connecting right after opening the
  // popup) are applied on top of them once they arrive; saving earlier would erase them.
  type Edit = (lists: EndpointLists) => EndpointLists;
  let pending: Edit[] | null = [];
  const edit = (change: Edit) => {
    if (pending) pending.push(change);
    set(change(state), pending === null);
  };
  const loaded = (stored: EndpointLists) => {
    const edits = pending ?? [];
    pending = null;
    set(
      edits.reduce((lists, change) => change(lists), stored),
      edits.length > 0,
    );
  };
  storage.load().then(
    (stored) => loaded(readEndpointLists(stored)),
    (error: unknown) => {
      console.warn('could not load endpoints', error);
      loaded({ recentUrls: [], endpoints: [] });
    },
  );
  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    remember: (url: string) => edit((lists) => ({ ...lists, recentUrls: rememberUrl(lists.recentUrls, url) })),
    save: (endpoint: SavedEndpoint) =>
      edit((lists) => ({ ...lists, endpoints: saveEndpoint(lists.endpoints, endpoint) })),
    forget: (endpoint: SavedEndpoint) =>
      edit((lists) => ({
        ...lists,
        endpoints: lists.endpoints.filter((e) => e.url !== endpoint.url || e.protocols !== endpoint.protocols),
      })),
  };
}
export type EndpointStore = ReturnType<typeof createEndpointStore>;
