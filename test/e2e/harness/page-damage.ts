import type { UiPage } from './ui-page';

/**
 * Watches an extension page for what hostile payloads must never cause: errors escaping, and
 * elements that could run or load something (any ever added, not only those left at the end:
 * rows and details come and go). Call before feeding it the payloads; read with `damage`.
 */
export async function watchForDamage(page: UiPage): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { errorsSeen: number; errorMessages: string[]; foreignElements: string[] };
    w.errorsSeen = 0;
    w.errorMessages = [];
    w.foreignElements = [];
    const foreign = (el: Element) =>
      el.namespaceURI !== 'http://www.w3.org/1999/xhtml' ||
      /^(img|script|iframe|frame|object|embed|style|link|meta|base|video|audio|source|picture)$/.test(el.localName) ||
      [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value));
    // Named by tag and attribute names only: the report never serialises what the page holds.
    const describe = (el: Element) => [el.localName, ...[...el.attributes].map((a) => a.name)].join(' ');
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const el of [node, ...node.querySelectorAll('*')]) if (foreign(el)) w.foreignElements.push(describe(el));
        }
      }
    }).observe(document, { childList: true, subtree: true });
    window.addEventListener('error', (e) => {
      w.errorsSeen++;
      if (w.errorMessages.length < 5) w.errorMessages.push(`${e.message} ${e.error?.stack ?? ''}`.slice(0, 600));
    });
    window.addEventListener('unhandledrejection', (e) => {
      w.errorsSeen++;
      if (w.errorMessages.length < 5) w.errorMessages.push(String(e.reason?.stack ?? e.reason).slice(0, 600));
    });
  }, null);
}

/** What `watchForDamage` saw, plus what is in the page now; the first errors go to the log. */
export async function damage(page: UiPage) {
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: number; errorsSeen: number; foreignElements: string[] };
    return {
      pwned: w.__pwned ?? 0,
      errors: w.errorsSeen,
      foreignElements: w.foreignElements.slice(0, 10),
      images: document.querySelectorAll('img').length,
      svgs: document.querySelectorAll('svg [onload], svg[onload]').length,
      scripts: [...document.scripts].filter((s) => !/\/(panel|popup)\.js$|chunks\//.test(s.src)).length,
    };
  }, null);
  if (seen.errors > 0)
    console.error(await page.evaluate(() => (window as unknown as { errorMessages: string[] }).errorMessages, null));
  return seen;
}

/** Nothing happened. */
export const NO_DAMAGE = { pwned: 0, errors: 0, foreignElements: [], images: 0, svgs: 0, scripts: 0 } as const;
