import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS } from './browsers';
import { findByRole } from './find-by-role';

export type Name = string | RegExp;

/**
 * One way to drive a page in either browser, by role and accessible name, with real mouse and
 * keyboard input. Tests are written once against this and run in Chromium and Firefox.
 */
export interface UiPage {
  readonly raw: PlaywrightPage | PuppeteerPage;
  url(): string;
  goto(url: string): Promise<void>;
  click(role: string, name: Name, index?: number): Promise<void>;
  fill(role: string, name: Name, value: string): Promise<void>;
  press(key: string): Promise<void>;
  /** Text content of the element, waiting until it exists. */
  text(role: string, name: Name | null, index?: number): Promise<string>;
  /** Waits until the element's text matches; returns it. Fails with the last text seen. */
  waitForText(role: string, name: Name | null, expected: string | RegExp, timeoutMs?: number): Promise<string>;
  exists(role: string, name: Name | null): Promise<boolean>;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Polls `fn` (run in the test, not the page) until it returns a truthy value. */
  waitFor<T, A>(fn: (arg: A) => T | Promise<T>, arg: A, timeoutMs?: number): Promise<T>;
  /** Screenshot of the page, or of the first element matching `selector`. */
  screenshot(file: string, selector?: string): Promise<void>;
  close(): Promise<void>;
}

const FINDER = findByRole.toString();

/** On a failed wait, keep a picture of what the user would have seen. */
async function saveFailureScreenshot(raw: PlaywrightPage | PuppeteerPage, what: string): Promise<void> {
  const dir = path.join(ARTIFACTS, 'failures');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${what.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}.png`);
  await (raw as PlaywrightPage).screenshot({ path: file }).catch(() => {});
}
type Located = { x: number; y: number; hit: boolean; text: string } | null;

export function createUiPage(raw: PlaywrightPage | PuppeteerPage): UiPage {
  // Both libraries accept a function string for evaluate; this keeps one code path.
  const evaluate = <T>(source: string): Promise<T> => (raw as PlaywrightPage).evaluate<T>(source);
  const locate = (role: string, name: Name | null, index = 0, focus = false) => {
    const nameArg = name === null ? 'null' : JSON.stringify(typeof name === 'string' ? name : name.source);
    return evaluate<Located>(`(() => {
      const el = (${FINDER})(${JSON.stringify(role)}, ${nameArg}, ${name instanceof RegExp}, ${index});
      if (!el) return null;
      // Only a point where the element itself is on top counts (not mid-layout, not covered,
      // e.g. by a sticky table header after scrolling it to the nearest edge).
      const centre = () => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const top = document.elementFromPoint(x, y);
        return { x, y, hit: top !== null && (top === el || el.contains(top) || top.contains(el)) };
      };
      el.scrollIntoView({ block: 'nearest' });
      let at = centre();
      if (!at.hit) {
        el.scrollIntoView({ block: 'center' });
        at = centre();
      }
      const { x, y, hit } = at;
      if (${focus}) el.focus();
      return { x, y, hit, text: el.textContent ?? '' };
    })()`);
  };
  const isChecked = (role: string, name: Name, index: number) => {
    const nameArg = JSON.stringify(typeof name === 'string' ? name : name.source);
    return evaluate<boolean>(`(() => {
      const el = (${FINDER})(${JSON.stringify(role)}, ${nameArg}, ${name instanceof RegExp}, ${index});
      return el !== null && (el.getAttribute('aria-checked') === 'true' || el.checked === true);
    })()`);
  };
  const describe = (role: string, name: Name | null) => `${role}${name === null ? '' : ` named ${String(name)}`}`;

  // Input goes to the tab in front: a test that drives several tabs must not type into one that
  // lost focus (a `change` on blur never fires there).
  const front = () => (raw as PlaywrightPage).bringToFront();

  const page: UiPage = {
    raw,
    url: () => raw.url(),
    async goto(url) {
      await (raw as PlaywrightPage).goto(url);
    },
    async click(role, name, index = 0) {
      for (let attempt = 1; ; attempt++) {
        await front();
        // Waits until the element is where a click would reach it: a layout still settling (a
        // status line appearing) must not send the click to a neighbour.
        const el = await page
          .waitFor(async () => {
            const found = await locate(role, name, index);
            return found?.hit ? found : null;
          }, null)
          .catch(async (error: unknown) => {
            await saveFailureScreenshot(raw, `click-${role}-${String(name)}`);
            throw new Error(`no ${describe(role, name)} to click: ${String(error)}`);
          });
        await raw.mouse.click(el!.x, el!.y);
        // A re-render between finding the element and the click can still move it away. A radio
        // says when it is chosen, and choosing it again changes nothing, so for radios a lost
        // click is retried; other controls may toggle, and are clicked once.
        if (role !== 'radio') return;
        const chosen = await page
          .waitFor(() => isChecked(role, name, index), null, 2_000)
          .then(
            () => true,
            () => false,
          );
        if (chosen) return;
        if (attempt === 3)
          throw new Error(`${describe(role, name)} was clicked ${attempt} times and never became checked`);
      }
    },
    async fill(role, name, value) {
      await front();
      // Focus the field itself, then type as a user would: select all, delete, type.
      await page
        .waitFor(async () => locate(role, name, 0, true), null)
        .catch(async (error: unknown) => {
          await saveFailureScreenshot(raw, `fill-${role}-${String(name)}`);
          throw new Error(`no ${describe(role, name)} to fill: ${String(error)}`);
        });
      await page.evaluate(() => (document.activeElement as HTMLInputElement).select(), null);
      await raw.keyboard.press('Backspace');
      if (value) await raw.keyboard.type(value);
    },
    async press(key) {
      await front();
      await raw.keyboard.press(key as never);
    },
    async text(role, name, index = 0) {
      const el = await page.waitFor(async () => locate(role, name, index), null);
      return el!.text;
    },
    async exists(role, name) {
      return (await locate(role, name)) !== null;
    },
    async waitForText(role, name, expected, timeoutMs = 15_000) {
      let last = '(not found)';
      try {
        return (await page.waitFor(
          async () => {
            const el = await locate(role, name);
            if (!el) return null;
            last = el.text;
            return (typeof expected === 'string' ? el.text.includes(expected) : expected.test(el.text))
              ? el.text
              : null;
          },
          null,
          timeoutMs,
        )) as string;
      } catch {
        await saveFailureScreenshot(raw, `${role}-${String(name)}`);
        throw new Error(
          `${describe(role, name)} never showed ${String(expected)}; last text: ${JSON.stringify(last.slice(0, 2000))}`,
        );
      }
    },
    async evaluate(fn, arg) {
      return evaluate(`(${fn.toString()})(${JSON.stringify(arg)})`);
    },
    async waitFor(fn, arg, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await fn(arg);
        if (value) return value;
        if (Date.now() > deadline)
          throw new Error(`condition not met within ${timeoutMs} ms: ${fn.toString().slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, 25)); // poll interval, not a synchronisation sleep
      }
    },
    async screenshot(file, selector) {
      await mkdir(path.dirname(file), { recursive: true });
      if (!selector) return void (await (raw as PlaywrightPage).screenshot({ path: file }));
      const element = await (raw as PlaywrightPage).$(selector);
      if (!element) throw new Error(`nothing matches ${selector} for a screenshot`);
      await element.screenshot({ path: file });
    },
    async close() {
      await raw.close().catch(() => {});
    },
  };
  return page;
}
