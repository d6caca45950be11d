import type { BrowserSuite } from './suite';
import type { UiPage } from './ui-page';

/** pages/long-lived.html, open with its socket open, and its round trips driven from the test. */
export interface LongLivedPage {
  readonly page: UiPage;
  readonly pageUrl: string;
  /** Sends `text` and resolves with the echo. */
  roundTrip(text: string): Promise<string>;
  /** Round trips "message from" … "message to - 1", one after the other. */
  roundTrips(from: number, to: number): Promise<void>;
}

/** `query` tells tests' pages apart (captures are found by the page's URL). */
export async function openLongLivedPage(suite: BrowserSuite, query = ''): Promise<LongLivedPage> {
  const pageUrl = `${suite.server.httpUrl}/pages/long-lived.html${query && `?${query}`}`;
  const page = await suite.session.openPage(pageUrl);
  await page.waitFor(
    () => page.evaluate(() => document.getElementById('log')!.textContent.includes('open'), null),
    null,
  );
  return {
    page,
    pageUrl,
    roundTrip: (text) =>
      page.evaluate((t) => (window as unknown as { roundTrip(t: string): Promise<string> }).roundTrip(t), text),
    roundTrips: (from, to) =>
      page.evaluate(
        async ([a, b]) => {
          for (let i = a; i < b; i++)
            await (window as unknown as { roundTrip(t: string): Promise<string> }).roundTrip(`message ${i}`);
        },
        [from, to] as const,
      ),
  };
}
