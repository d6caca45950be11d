import { chunkEvents } from '../core/event-chunks';
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
/**
 * At most this many events (and payload characters) per record. `add` clones its record on the
 * calling thread in one go: a save of 10,000 events held Firefox's extension thread, which the
 * panel shares with the background there, for 40–80 ms.
 */
const RECORD_EVENTS = 500;
const RECORD_CHARS = 1024 * 1024;

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
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
  /** The open connection, or null when the next use must open one (see `begin`). */
  let connection: Promise<IDBDatabase> | null = null;
  const database = () => {
    if (connection) return connection;
    const opening: Promise<IDBDatabase> = open().then(
      (db) => {
        // Closed by the browser (storage cleared, or failing): open a new one next time.
        db.onclose = () => {
          if (connection === opening) connection = null;
        };
        return db;
      },
      (error: unknown) => {
        if (connection === opening) connection = null;
        throw error;
      },
    );
    return (connection = opening);
  };
  /**
   * Starts a transaction with `work` queued in it. Firefox refuses any change on a connection
   * whose write hit a full quota (InvalidStateError, "did not allow mutations") until it is
   * reopened, so a refusal is tried once more on a new connection, for the browser's real answer.
   */
  const begin = async (work: (store: IDBObjectStore) => void): Promise<IDBTransaction> => {
    for (let attempt = 1; ; attempt++) {
      let tx: IDBTransaction | null = null;
      try {
        tx = (await database()).transaction(STORE, 'readwrite');
        work(tx.objectStore(STORE));
        return tx;
      } catch (error) {
        try {
          tx?.abort(); // none of `work` may land half done (a replace's deletes without its add)
        } catch {
          // already finished
        }
        if (attempt === 2) throw error;
        void connection?.then(
          (db) => db.close(),
          () => {},
        );
        connection = null;
      }
    }
  };
  /** Writes are chained so that they land in the order they were made. */
  let queue: Promise<WriteResult> = Promise.resolve({ ok: true });
  /**
   * Never rejects: a failed write (quota full, storage unavailable) resolves with its error, and
   * the saver tells the user and retries; the capture goes on in memory meanwhile.
   */
  const write = (work: (store: IDBObjectStore) => void): Promise<WriteResult> => {
    queue = queue.then(async (): Promise<WriteResult> => {
      try {
        const tx = await begin(work);
        await new Promise<void>((resolve, reject) => {
          let requestError: DOMException | null = null;
          tx.oncomplete = () => resolve();
          // A failed request bubbles here before the transaction aborts; Firefox reports a full
          // quota that way (Chrome at commit, as the transaction's own error).
          tx.onerror = (event) => (requestError ??= (event.target as IDBRequest | null)?.error ?? null);
          tx.onabort = () => reject(tx.error ?? requestError ?? new Error('IndexedDB transaction aborted'));
        });
        return { ok: true };
      } catch (error) {
        // The next write starts on a new connection: Firefox refuses every change on one whose
        // write hit a full quota, also those made later in a callback (replace's add).
        void connection?.then(
          (db) => db.close(),
          () => {},
        );
        connection = null;
        return { ok: false, error };
      }
    });
    return queue;
  };
  /**
   * Deletes the tab's records, then runs `then` in the same transaction. The keys are read first:
   * a cursor over the tab's records would also reach, and delete, records added after it opened.
   */
  const deleteTab = (store: IDBObjectStore, tabId: number, then: () => void = () => {}) => {
    const keys = store.index('tabId').getAllKeys(IDBKeyRange.only(tabId));
    keys.onsuccess = () => {
      for (const key of keys.result) store.delete(key);
      then();
    };
  };

  /**
   * Adds events as records of at most RECORD_EVENTS, each from the success of the one before, so
   * that each clone is a task of its own. One transaction: all land or none.
   */
  const addRecords = (store: IDBObjectStore, tabId: number, events: readonly SocketEvent[], droppedBefore: number) => {
    const records = chunkEvents(events, RECORD_EVENTS, RECORD_CHARS);
    if (records.length === 0 && droppedBefore > 0) records.push([]);
    let next = 0;
    const addNext = () => {
      if (next === records.length) return;
      const record: BatchRecord = { tabId, events: records[next]!, droppedBefore: next === 0 ? droppedBefore : 0 };
      next++;
      store.add(record).onsuccess = addNext;
    };
    addNext();
  };

  const writes: CaptureWrites = {
    append(tabId, events) {
      return write((store) => addRecords(store, tabId, events, 0));
    },
    replace(tabId, events, droppedBefore) {
      return write((store) => deleteTab(store, tabId, () => addRecords(store, tabId, events, droppedBefore)));
    },
    forget(tabId) {
      return write((store) => deleteTab(store, tabId));
    },
  };

  return {
    ...writes,
    async load(): Promise<Map<number, SavedCapture>> {
      const store = (await database()).transaction(STORE, 'readonly').objectStore(STORE);
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
  };
}

export type CapturePersistence = ReturnType<typeof createCapturePersistence>;
