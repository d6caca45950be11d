import { isRecord } from './guards';

/** Recent URLs and saved endpoints, as kept in storage.local (validated when read back). */
export interface SavedEndpoint {
  readonly url: string;
  readonly protocols: string;
}

export interface EndpointLists {
  readonly recentUrls: readonly string[];
  readonly endpoints: readonly SavedEndpoint[];
}

export const MAX_RECENT = 10;
export const MAX_SAVED = 30;

/** Newest first, no duplicates, at most MAX_RECENT. */
export function rememberUrl(list: readonly string[], url: string): string[] {
  return [url, ...list.filter((u) => u !== url)].slice(0, MAX_RECENT);
}

export function saveEndpoint(list: readonly SavedEndpoint[], endpoint: SavedEndpoint): SavedEndpoint[] {
  return [endpoint, ...list.filter((e) => e.url !== endpoint.url || e.protocols !== endpoint.protocols)].slice(
    0,
    MAX_SAVED,
  );
}

/** Storage is another context's data: keep only well-formed entries. */
export function readEndpointLists(stored: unknown): EndpointLists {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const recentUrls = Array.isArray(s.recentUrls)
    ? s.recentUrls.filter((u): u is string => typeof u === 'string').slice(0, MAX_RECENT)
    : [];
  const endpoints = Array.isArray(s.endpoints)
    ? s.endpoints
        .filter(
          (e: unknown): e is SavedEndpoint =>
            isRecord(e) && typeof e.url === 'string' && typeof e.protocols === 'string',
        )
        .map((e) => ({ url: e.url, protocols: e.protocols }))
        .slice(0, MAX_SAVED)
    : [];
  return { recentUrls, endpoints };
}
