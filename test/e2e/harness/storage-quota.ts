import type { ExtensionSession } from './session';

/**
 * Makes the browser's storage really full for the extension's origin, with the browsers' own
 * quota machinery (no API is replaced), and frees it again.
 *
 * - Chromium: the DevTools protocol's `Storage.overrideQuotaForOrigin` sets the quota of
 *   `chrome-extension://<id>` to what the origin already uses. Chromium's IndexedDB trusts the
 *   space it was last granted for up to 30 s (`kBucketSpaceCacheTimeLimit`), so this must happen
 *   before the extension writes anything (e.g. right after launch): the probe below checks it.
 * - Firefox: launched with `SMALL_STORAGE_FIREFOX_PREFS` (a 5 MiB storage limit), an extension
 *   page (same origin as the background) fills a database of its own with random bytes until
 *   `QuotaExceededError`.
 *
 * Either way, a probe write of `probeBytes` from the extension must then fail with
 * `QuotaExceededError`, or this throws: a test built on it cannot pass with storage not full.
 */
export const SMALL_STORAGE_FIREFOX_PREFS = { 'dom.quotaManager.temporaryStorage.fixedLimit': 5 * 1024 /* KiB */ };

const FILLER_DB = 'test-storage-filler';
const PROBE_DB = 'test-storage-probe';

export interface FullStorage {
  /** Makes room again (Chromium: the quota override goes; Firefox: the filler is deleted). */
  free(): Promise<void>;
}

export async function fillExtensionStorage(session: ExtensionSession, probeBytes: number): Promise<FullStorage> {
  // Created while there is room: a full Firefox refuses to create a database at all.
  await writeFromExtension(session, PROBE_DB, 0);
  const full = session.name === 'chromium' ? await overrideChromiumQuota(session) : await fillFirefoxStorage(session);
  try {
    const probe = await writeFromExtension(session, PROBE_DB, probeBytes);
    if (probe !== 'QuotaExceededError')
      throw new Error(`storage is not full: a probe write of ${probeBytes} bytes ended with ${probe}`);
    return full;
  } catch (error) {
    await full.free();
    throw error;
  }
}

async function overrideChromiumQuota(session: ExtensionSession): Promise<FullStorage> {
  const url = new URL(session.extensionUrl(''));
  const origin = `${url.protocol}//${url.host}`; // Node's URL gives "null" as the origin of chrome-extension:
  const cdp = await session.openCdpSession();
  try {
    const { usage } = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number };
    // A quota of 0 means "no limit" to Chromium's IndexedDB: at least 1 byte.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.max(1, usage) });
  } catch (error) {
    await cdp.close();
    throw error;
  }
  return {
    async free() {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin }); // no size: the override goes
      await cdp.close();
    },
  };
}

async function fillFirefoxStorage(session: ExtensionSession): Promise<FullStorage> {
  // Large writes first, then smaller ones into what is left, down to 16 KiB.
  for (const size of [1 << 20, 1 << 18, 1 << 16, 1 << 14]) {
    for (let writes = 0; ; writes++) {
      const result = await writeFromExtension(session, FILLER_DB, size);
      if (result === 'QuotaExceededError') break;
      if (result !== 'ok') throw new Error(`filling storage failed: ${result}`);
      if (writes > 200)
        throw new Error('storage never filled up: was Firefox launched with SMALL_STORAGE_FIREFOX_PREFS?');
    }
  }
  return {
    async free() {
      await session.background(
        (_debug, name: string) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
          }),
        FILLER_DB,
      );
    },
  };
}

/**
 * Adds `bytes` random bytes (storage cannot compress them) to a database of the extension's
 * origin, or with 0 only creates the database (no data: Chromium asks for no space);
 * returns "ok" or the name of the error the transaction failed with.
 */
function writeFromExtension(session: ExtensionSession, dbName: string, bytes: number): Promise<string> {
  return session.background(
    (_debug, { name, size }: { name: string; size: number }) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => open.result.createObjectStore('chunks', { autoIncrement: true });
        open.onerror = () => resolve(`open failed: ${open.error?.name}`);
        open.onsuccess = () => {
          const db = open.result;
          if (size === 0) return (db.close(), resolve('ok'));
          const chunk = new Uint8Array(size);
          for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(chunk.subarray(at, at + 65_536));
          const tx = db.transaction('chunks', 'readwrite');
          tx.objectStore('chunks').add(chunk);
          tx.oncomplete = () => (db.close(), resolve('ok'));
          tx.onabort = () => (db.close(), resolve(tx.error?.name ?? 'aborted'));
        };
      }),
    { name: dbName, size: bytes },
  );
}
