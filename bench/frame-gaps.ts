import type { UiPage } from '../test/e2e/harness/ui-page';
import { traceLongestTask, type LongestTask } from './task-trace';

/** What a page's main thread went through while something ran. */
export interface MainThread {
  /** Longest gap between animation frames: rendering and input waited that long, for any reason. */
  readonly gapMs: number;
  /** Chromium: the longest task (traceLongestTask). Null in Firefox, which cannot be traced here. */
  readonly longestTask: LongestTask | null;
}

/**
 * Watches a page's main thread while `during` runs: the longest gap between animation frames in
 * both browsers and, with `tasks` (the bench), in Chromium the longest task in wall-clock and CPU
 * time. Tracing costs CPU of its own: tests that only look for freezes leave it off.
 */
export async function watchMainThread(
  page: UiPage,
  during: () => Promise<void>,
  options: { readonly tasks?: boolean } = {},
): Promise<MainThread> {
  await page.evaluate(() => {
    const w = window as unknown as { gap: number; stopGap: boolean };
    w.gap = 0;
    w.stopGap = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.gap = Math.max(w.gap, now - last);
      last = now;
      if (!w.stopGap) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, null);
  const longestTask = options.tasks ? await traceLongestTask(page.raw, during) : (await during(), null);
  const gapMs = await page.evaluate(() => {
    const w = window as unknown as { gap: number; stopGap: boolean };
    w.stopGap = true;
    return w.gap;
  }, null);
  return { gapMs, longestTask };
}

/** The bench's measurements: with the longest task traced (Chromium). */
export const TASKS = { tasks: true } as const;

/**
 * The budget is "no main-thread task over 50 ms". Chromium: judged by the longest task's CPU time,
 * the work the UI itself did (its wall-clock time also counts waiting for a CPU, and is reported
 * beside it). Firefox, without a trace: by the frame gap, which counts everything.
 */
export const withinTaskBudget = (m: MainThread): boolean => (m.longestTask?.cpuMs ?? m.gapMs) <= 50;

/** "longest task 31 ms CPU / 93 ms wall, gap 117 ms" (Chromium), or "gap 100 ms" (Firefox). */
export function describeMainThread(m: MainThread): string {
  const gap = `gap ${Math.round(m.gapMs)} ms`;
  if (!m.longestTask) return gap;
  return `longest task ${Math.round(m.longestTask.cpuMs)} ms CPU / ${Math.round(m.longestTask.wallMs)} ms wall, ${gap}`;
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
        const el = document.querySelector<HTMLElement>(sel);
        if (!el) throw new Error(`nothing matches ${sel}`);
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
