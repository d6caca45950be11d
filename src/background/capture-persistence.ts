import type { SocketEvent } from '../protocol';
import type { CaptureWrites, WriteResult } from './capture-saver';

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
  let queue: Promise<WriteResult> = Promise.resolve({ ok: true });
  /**
   * Never rejects: a failed write (quota full, storage unavailable) resolves with its error, and
   * the saver tells the user and retries; the capture goes on in memory meanwhile.
   */
  const write = (work: (store: IDBObjectStore) => void): Promise<WriteResult> => {
    queue = queue.then(async (): Promise<WriteResult> => {
      try {
        const tx = (await db).transaction(STORE, 'readwrite');
        work(tx.objectStore(STORE));
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = tx.onabort = () => reject(tx.error);
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, error };
      }
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

  const writes: CaptureWrites = {
    append(tabId, events) {
      return write((store) => store.add({ tabId, events, droppedBefore: 0 } satisfies BatchRecord));
    },
    replace(tabId, events, droppedBefore) {
      return write((store) => {
        deleteTab(store, tabId);
        if (events.length > 0 || droppedBefore > 0) store.add({ tabId, events, droppedBefore } satisfies BatchRecord);
      });
    },
    forget(tabId) {
      return write((store) => deleteTab(store, tabId));
    },
  };

  return {
    ...writes,
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
    /** Resolves when every write made so far has landed (tests, and before a planned stop). */
    flushed: () => queue,
  };
}

export type CapturePersistence = ReturnType<typeof createCapturePersistence>;
