import type { SaveProblem, SocketEvent } from '../protocol';
import { describeSaveFailure, retryDelayMs } from './save-problem';

/** How a write to storage ended. */
export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

/** The storage the saver writes to (capture-persistence.ts; an in-memory fake in tests). */
export interface CaptureWrites {
  append(tabId: number, events: readonly SocketEvent[]): Promise<WriteResult>;
  /** Replaces everything saved for the tab. */
  replace(tabId: number, events: readonly SocketEvent[], droppedBefore: number): Promise<WriteResult>;
  forget(tabId: number): Promise<WriteResult>;
}

/** What the saver reads from a tab's log to rewrite it whole. */
export interface LogToSave {
  all(): SocketEvent[];
  readonly dropped: number;
}

export interface CaptureSaverOptions {
  readonly writes: CaptureWrites;
  readonly logOf: (tabId: number) => LogToSave | undefined;
  /** The capture limit in frames: a tab is rewritten as what it keeps after twice that many. */
  readonly maxFrames: () => number;
}

/**
 * Decides what to write for each tab's capture, and when. The in-memory capture is never
 * touched here: when storage fails (quota full), only the saved copy falls behind, and the
 * user is told (`onProblem`) until a write succeeds again.
 *
 * What is saved must replay as the capture was recorded, so for each tab:
 * - one write at a time; events that failed to save go back in front of the newer ones and are
 *   retried, with backoff, in the same order (never a hole, never reordered);
 * - a rewrite (after a clear, or a compaction once evicted frames pile up on disk) replaces the
 *   tab's records with its whole log, which also covers anything that failed before it.
 */
export function createCaptureSaver({ writes, logOf, maxFrames }: CaptureSaverOptions) {
  const tabs = new Map<number, TabSave>();
  const problemListeners: ((tabId: number, problem: SaveProblem | null) => void)[] = [];
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  const tabOf = (tabId: number) => {
    let tab = tabs.get(tabId);
    if (!tab) tabs.set(tabId, (tab = newTabSave()));
    return tab;
  };
  const hasWork = (tab: TabSave) => tab.rewrite || tab.pending.length > 0;

  const setProblem = (tabId: number, tab: TabSave, problem: SaveProblem | null) => {
    if (tab.problem?.message === problem?.message && tab.problem?.reason === problem?.reason) return;
    tab.problem = problem;
    for (const listener of problemListeners) listener(tabId, problem);
  };

  const askRewrite = (tab: TabSave) => {
    tab.rewrite = true;
    tab.pending = []; // the whole log covers them
  };

  const write = (tabId: number, tab: TabSave) => {
    if (tab.writing || tabs.get(tabId) !== tab || !hasWork(tab)) return;
    if (tab.retryTimer !== null) clearTimeout(tab.retryTimer);
    tab.retryTimer = null;
    let request: Promise<WriteResult>;
    let putBack: () => void;
    const waiting = tab.waiting;
    tab.waiting = [];
    if (tab.rewrite) {
      const log = logOf(tabId);
      const events = log?.all() ?? [];
      tab.rewrite = false;
      tab.pending = [];
      tab.sinceRewrite = events.length;
      request = writes.replace(tabId, events, log?.dropped ?? 0);
      putBack = () => (tab.rewrite = true);
    } else {
      const events = tab.pending;
      tab.pending = [];
      request = writes.append(tabId, events);
      // Put back in front of newer events; a rewrite asked for meanwhile drops them all anyway
      // (one write at a time, so it has not run yet).
      putBack = () => (tab.pending = events.concat(tab.pending));
    }
    tab.writing = request.then((result) => {
      tab.writing = null;
      for (const done of waiting) done();
      if (tabs.get(tabId) !== tab) return; // the tab was closed meanwhile
      if (result.ok) {
        tab.failures = 0;
        setProblem(tabId, tab, null);
        if (hasWork(tab)) scheduleSave();
        return;
      }
      tab.failures++;
      putBack();
      setProblem(tabId, tab, describeSaveFailure(result.error));
      tab.retryTimer = setTimeout(() => {
        tab.retryTimer = null;
        write(tabId, tab);
      }, retryDelayMs(tab.failures));
    });
  };

  const saveAll = () => {
    saveTimer = null;
    // A failing tab waits for its retry timer: retrying on every new frame would defeat the backoff.
    for (const [tabId, tab] of tabs) if (tab.problem === null) write(tabId, tab);
  };
  // Writes are gathered for a moment: one transaction per relay message would cost more than the
  // capture itself at thousands of frames per second. What waits here when the background stops
  // is not lost: the relay keeps each message until whenSaved says it is on disk.
  const scheduleSave = () => {
    saveTimer ??= setTimeout(saveAll, SAVE_DELAY_MS);
  };

  return {
    /** Events the hub has just recorded for a tab. */
    record(tabId: number, events: readonly SocketEvent[]) {
      const tab = tabOf(tabId);
      for (const e of events) tab.pending.push(e);
      tab.sinceRewrite += events.length;
      // Evicted frames stay on disk until a rewrite replaces the tab with what it keeps.
      if (tab.sinceRewrite > 2 * maxFrames()) askRewrite(tab);
      scheduleSave();
    },
    /** The tab's capture was emptied: saved at once, so that a restart cannot bring it back. */
    cleared(tabId: number) {
      const tab = tabOf(tabId);
      askRewrite(tab);
      tab.sinceRewrite = 0;
      write(tabId, tab);
    },
    /**
     * Resolves once what the tab has recorded so far is written, or has failed to be (the
     * problem is shown then, and there is nothing to wait for): when a relay may forget it.
     */
    whenSaved(tabId: number): Promise<void> {
      const tab = tabs.get(tabId);
      if (!tab || tab.problem !== null) return Promise.resolve();
      if (hasWork(tab)) return new Promise((resolve) => tab.waiting.push(resolve));
      return tab.writing ?? Promise.resolve();
    },
    /** The tab is gone: its saved capture too. */
    forget(tabId: number) {
      const tab = tabs.get(tabId);
      for (const done of tab?.waiting ?? []) done();
      if (tab?.retryTimer != null) clearTimeout(tab.retryTimer);
      tabs.delete(tabId);
      void writes.forget(tabId);
    },
    problemOf: (tabId: number): SaveProblem | null => tabs.get(tabId)?.problem ?? null,
    onProblem(listener: (tabId: number, problem: SaveProblem | null) => void) {
      problemListeners.push(listener);
    },
    /**
     * Writes what is waiting, also for tabs waiting for a retry, and resolves when every write
     * has settled (tests, planned stops). A tab whose write fails is not tried again here.
     */
    async flush() {
      if (saveTimer !== null) clearTimeout(saveTimer);
      saveTimer = null;
      const failed = new Set<number>();
      for (;;) {
        for (const [tabId, tab] of tabs) if (!failed.has(tabId)) write(tabId, tab);
        const inFlight = [...tabs].filter(([, tab]) => tab.writing !== null);
        if (inFlight.length === 0) return;
        await Promise.all(inFlight.map(([, tab]) => tab.writing ?? Promise.resolve()));
        for (const [tabId, tab] of inFlight) if (tab.problem !== null) failed.add(tabId);
      }
    },
  };
}

export type CaptureSaver = ReturnType<typeof createCaptureSaver>;

export const SAVE_DELAY_MS = 250;

interface TabSave {
  /** Recorded and not saved yet, in order. */
  pending: SocketEvent[];
  /** The next write replaces the tab's records with its whole log. */
  rewrite: boolean;
  /** Events recorded since the last rewrite (evicted ones are still on disk). */
  sinceRewrite: number;
  writing: Promise<void> | null;
  /** Failed writes in a row, for the backoff. */
  failures: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  problem: SaveProblem | null;
  /** whenSaved callers, for the next write (it takes every event recorded before it starts). */
  waiting: (() => void)[];
}

const newTabSave = (): TabSave => ({
  pending: [],
  rewrite: false,
  sinceRewrite: 0,
  writing: null,
  failures: 0,
  retryTimer: null,
  problem: null,
  waiting: [],
});
