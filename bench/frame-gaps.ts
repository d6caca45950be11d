import type { UiPage } from '../test/e2e/harness/ui-page';

/**
 * The longest gap between animation frames in a page while `during` runs: a main-thread task
 * that long kept the page from rendering or answering input. Both browsers (Firefox has no
 * long-task observer).
 */
export async function longestFrameGap(page: UiPage, during: () => Promise<void>): Promise<number> {
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
  await during();
  return page.evaluate(() => {
    const w = window as unknown as { gap: number; stopGap: boolean };
    w.stopGap = true;
    return w.gap;
  }, null);
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
