import { readEndpointLists, rememberUrl, saveEndpoint, type EndpointLists, type SavedEndpoint } from '../core/endpoints';

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
  storage.load().then(
    (stored) => set(readEndpointLists(stored), false),
    (error: unknown) => console.warn('could not load endpoints', error),
  );
  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    remember: (url: string) => set({ ...state, recentUrls: rememberUrl(state.recentUrls, url) }, true),
    save: (endpoint: SavedEndpoint) => set({ ...state, endpoints: saveEndpoint(state.endpoints, endpoint) }, true),
    forget: (endpoint: SavedEndpoint) => set({ ...state, endpoints: state.endpoints.filter((e) => e !== endpoint) }, true),
  };
}
export type EndpointStore = ReturnType<typeof createEndpointStore>;
