import type { SocketEvent } from '../protocol';

/**
 * Saves each tab's capture in IndexedDB so that it survives the background being stopped
 * (Chrome's idle service worker, Firefox's suspended event page) and restarted.
 *
 * Records are batches appended in order; a tab's records are replaced by one "base" record
 * when it is cleared or when evictions have made most stored batches obsolete (compaction).
 */
export interface SavedCapture {
  readonly events: SocketEvent[];
  /** Frames dropped before the saved events (counted, gone). */
  readonly dropped: number;
}

interface BatchRecord {
  readonly tabId: number;
  readonly events: readonly SocketEvent[];
  readonly droppedBefore: number;
}

const DB_NAME = 'socket-scope-capture';
const STORE = 'batches';

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    const store = req.result.createObjectStore(STORE, { autoIncrement: true });
    store.createIndex('tabId', 'tabId');
  };
  return request(req);
}

export function createCapturePersistence() {
  const db = open();
  /** Writes are chained so that they land in the order they were made. */
  let queue: Promise<unknown> = Promise.resolve();
  const write = (work: (store: IDBObjectStore) => void) => {
    queue = queue
      .then(async () => {
        const tx = (await db).transaction(STORE, 'readwrite');
        work(tx.objectStore(STORE));
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = tx.onabort = () => reject(tx.error);
        });
      })
      .catch((error: unknown) => {
        // Quota full or storage unavailable: capture goes on in memory; say so once per failure.
        console.warn('Socket Scope: could not save the capture', error);
      });
    return queue;
  };
  const deleteTab = (store: IDBObjectStore, tabId: number) => {
    const cursor = store.index('tabId').openKeyCursor(IDBKeyRange.only(tabId));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      store.delete(c.primaryKey);
      c.continue();
    };
  };

  return {
    async load(): Promise<Map<number, SavedCapture>> {
      const store = (await db).transaction(STORE, 'readonly').objectStore(STORE);
      const records = await request(store.getAll() as IDBRequest<BatchRecord[]>);
      const byTab = new Map<number, { events: SocketEvent[]; dropped: number }>();
      for (const r of records) {
        let saved = byTab.get(r.tabId);
        if (!saved) byTab.set(r.tabId, (saved = { events: [], dropped: 0 }));
        saved.dropped += r.droppedBefore;
        for (const e of r.events) saved.events.push(e);
      }
      return byTab;
    },
    append(tabId: number, events: readonly SocketEvent[]) {
      return write((store) => store.add({ tabId, events, droppedBefore: 0 } satisfies BatchRecord));
    },
    /** Replaces what is saved for a tab (after a clear, or to compact). */
    replace(tabId: number, events: readonly SocketEvent[], droppedBefore: number) {
      return write((store) => {
        deleteTab(store, tabId);
        if (events.length > 0 || droppedBefore > 0) store.add({ tabId, events, droppedBefore } satisfies BatchRecord);
      });
    },
    forget(tabId: number) {
      return write((store) => deleteTab(store, tabId));
    },
    /** Resolves when every write made so far has landed (tests, and before a planned stop). */
    flushed: () => queue,
  };
}

export type CapturePersistence = ReturnType<typeof createCapturePersistence>;
