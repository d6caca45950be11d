import type { UiPage } from '../test/e2e/harness/ui-page';

/** What a page's main thread went through while something ran. */
export interface MainThread {
  /** Longest gap between animation frames: rendering and input waited that long, for any reason. */
  readonly gapMs: number;
  /**
   * Longest task from the long-task observer (tasks over 50 ms; 0 when there was none), the
   * figure the budget names. Null where the browser has no such observer (Firefox).
   */
  readonly longestTaskMs: number | null;
}

/**
 * Watches a page's main thread while `during` runs. Both figures: the frame gap also counts time
 * the page's process waited for a CPU (two cores shared with the browser, the page and the echo
 * server), which no task of ours causes; the long-task observer counts only the page's own tasks.
 */
export async function watchMainThread(page: UiPage, during: () => Promise<void>): Promise<MainThread> {
  await page.evaluate(() => {
    const w = window as unknown as { gap: number; longestTask: number | null; stopWatch: () => void };
    w.gap = 0;
    w.longestTask = null;
    let stopped = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.gap = Math.max(w.gap, now - last);
      last = now;
      if (!stopped) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    let observer: PerformanceObserver | null = null;
    if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
      w.longestTask = 0;
      observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longestTask = Math.max(w.longestTask ?? 0, entry.duration);
      });
      observer.observe({ type: 'longtask' });
    }
    w.stopWatch = () => {
      stopped = true;
      if (observer) for (const entry of observer.takeRecords()) w.longestTask = Math.max(w.longestTask ?? 0, entry.duration);
      observer?.disconnect();
    };
  }, null);
  await during();
  return page.evaluate(() => {
    const w = window as unknown as { gap: number; longestTask: number | null; stopWatch: () => void };
    w.stopWatch();
    return { gapMs: w.gap, longestTaskMs: w.longestTask };
  }, null);
}

/** Within the budget of no task over 50 ms: by the long-task observer where there is one, else by the frame gap. */
export const withinTaskBudget = (m: MainThread): boolean => (m.longestTaskMs ?? m.gapMs) <= 50;

/** "longest task 64 ms, gap 83 ms" (Chromium), or "gap 100 ms" (Firefox: no long-task observer). */
export function describeMainThread(m: MainThread): string {
  const gap = `gap ${Math.round(m.gapMs)} ms`;
  if (m.longestTaskMs === null) return gap;
  return m.longestTaskMs === 0 ? `no task > 50 ms, ${gap}` : `longest task ${Math.round(m.longestTaskMs)} ms, ${gap}`;
}

/** Lets time pass inside the page (the thing measured is what happens meanwhile). */
export const pageIdle = async (page: UiPage, ms: number): Promise<void> => {
  await page.evaluate((t) => new Promise((r) => setTimeout(r, t)), ms);
};

/** Scrolls the element matching `selector` from top to bottom in 60 steps, one per animation frame. */
export async function scrollThrough(page: UiPage, selector: string): Promise<void> {
  await page.evaluate(
    (sel) =>
      new Promise<void>((resolve) => {
        const el = document.querySelector(sel) as HTMLElement;
        let step = 0;
        const next = () => {
          el.scrollTop = (el.scrollHeight * step) / 60;
          if (++step <= 60) requestAnimationFrame(next);
          else resolve();
        };
        next();
      }),
    selector,
  );
}
