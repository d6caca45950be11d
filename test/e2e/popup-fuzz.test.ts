import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { watchMainThread } from '../../bench/frame-gaps';
import { formatBytes } from '../../src/core/format';
import { TEST_PAGES } from './harness/browsers';
import { damage, NO_DAMAGE, watchForDamage } from './harness/page-damage';
import { BROWSERS } from './harness/session';
import { browserSuite } from './harness/suite';
import { textView } from '../../src/core/payload-views';
import { connect, filterDirection, filterType, focusTable } from './popup-helpers';

/** What the background sends, in order: text as is, binary as base64, 16 MiB of one byte as a recipe. */
type Outgoing = { text: string } | { base64: string } | { fill: number; length: number };

/** The payloads of fuzz.html: the same generator file, evaluated here. */
function generatedPayloads(): (string | Uint8Array)[] {
  const sandbox: { fuzzPayloads?: () => (string | Uint8Array)[] } = {};
  vm.runInNewContext(readFileSync(path.join(TEST_PAGES, 'fuzz-payloads.js'), 'utf8'), sandbox);
  return sandbox.fuzzPayloads!().map((p) =>
    typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength),
  );
}

/** Ready to cross the debugger cheaply: the background builds the 16 MiB frame itself rather than receiving 22 MB of base64. */
function outgoing(payloads: (string | Uint8Array)[]): Outgoing[] {
  return payloads.map((p) => {
    if (typeof p === 'string') return { text: p };
    const bytes = Buffer.from(p);
    if (bytes.length > 64 * 1024 && bytes.every((b) => b === bytes[0]))
      return { fill: bytes[0]!, length: bytes.length };
    return { base64: bytes.toString('base64') };
  });
}

/** A string as it travels as UTF-8 (and as the DevTools protocol hands it back): lone surrogates become U+FFFD. */
/** A payload as the Text view shows it (the text view of core/payload-views, unit-tested on its own). */
const rendered = (p: string | Uint8Array) =>
  textView(
    typeof p === 'string' ? { kind: 'text', text: p } : { kind: 'binary', base64: Buffer.from(p).toString('base64') },
    Number.MAX_SAFE_INTEGER,
  ).rendered;

/** Characters a one-line row must never show raw: controls, bidi overrides and isolates, zero-width marks. */
// eslint-disable-next-line no-control-regex -- finding the controls is the point
const RAW_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

describe.each(BROWSERS)('hostile payloads through every popup view in %s', (browserName) => {
  // Keyboard scrolling without animation: one Page Down is one step, done when it is done.
  const suite = browserSuite(browserName, {
    launch: { chromiumArgs: ['--disable-smooth-scrolling'], firefoxPrefs: { 'general.smoothScroll': false } },
  });

  it('renders thousands of generated payloads in the log and every detail format: no script runs, no exception escapes, no freeze', async () => {
    const payloads = generatedPayloads();
    expect(payloads).toHaveLength(2005);
    // The Text view of any frame is one of these: the inspector's text view, where what is not
    // UTF-8 shows escaped (\x80, a lone surrogate as \uD800), never silently as U+FFFD.
    const texts = new Set(payloads.map(rendered));
    const totalBytes = payloads.reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p) : p.length), 0);

    const popup = await suite.session.openExtensionPage('popup.html');
    await watchForDamage(popup);
    await connect(popup, `${suite.server.url}/fuzz`);

    // The background sends every payload on the popup's connection; the echo server sends each back.
    const failures = await suite.session.background((debug, list: Outgoing[]) => {
      const open = debug.connections.summaries().filter((c: { state: string }) => c.state === 'open');
      if (open.length !== 1) return [`${open.length} open connections`];
      const failed: string[] = [];
      for (const p of list) {
        const payload =
          'text' in p
            ? ({ kind: 'text', text: p.text } as const)
            : 'base64' in p
              ? ({ kind: 'binary', base64: p.base64 } as const)
              : ({ kind: 'binary', base64: btoa(String.fromCharCode(p.fill).repeat(p.length)) } as const);
        const result = debug.connections.send(open[0]!.id, payload);
        if (!result.ok) failed.push(result.error);
      }
      return failed;
    }, outgoing(payloads));
    expect(failures).toEqual([]);
    const total = formatBytes(totalBytes);
    await popup.waitForText('status', 'Counters', `↑ 2,005 frames, ${total} · ↓ 2,005 frames, ${total} · `, 90_000);

    const rowsSeen: string[] = [];
    const logText = async () => {
      const text = await popup.text('grid', 'Frames');
      rowsSeen.push(text);
      return text;
    };
    const content = () => popup.text('tabpanel', null);
    const payloadText = () => popup.text('document', 'Payload');
    let lastText = '';
    /** Every detail format of the selected frame, each waited for by what only it shows; then back to the list. */
    const showFormats = async (check: (text: string) => boolean = (t) => texts.has(t)) => {
      await popup.click('tab', 'Text');
      const text = (await popup.waitFor(
        async () => {
          const t = await payloadText();
          return t !== lastText && check(t) ? t : null;
        },
        null,
        30_000,
      ))!;
      lastText = text;
      await popup.click('tab', 'JSON');
      await popup.waitFor(
        async () => (await popup.exists('group', 'JSON tree')) || (await content()).includes('Not JSON: '),
        null,
        30_000,
      );
      await popup.click('tab', 'Hex');
      await popup.waitForText('document', 'Payload', /^00000000 {2}[0-9a-f]{2} /, 30_000);
      await popup.click('tab', 'Base64');
      const base64 = await popup.waitForText('document', 'Payload', /^[A-Za-z0-9+/]+={0,2}$/, 30_000);
      if (text.length < 64 * 1024) expect(rendered(Buffer.from(base64, 'base64'))).toBe(text);
      await focusTable(popup); // from the details back to the list
      return text;
    };
    /** Keyboard focus in the log, on the list itself (rows are not focusable: a click focuses the list). */
    const focusLog = async () => {
      await popup.click('grid', 'Frames');
    };

    const { gapMs: gap } = await watchMainThread(popup, async () => {
      // 1. Every row of the log, from the oldest to the newest, by Page Down: each page overlaps the last.
      await focusLog();
      await popup.press('Home');
      await popup.waitFor(async () => (await logText()).includes('● Connecting'), null);
      let before = await logText();
      for (let pages = 0; !/↓ Received \S+ 16\.0 MiB binary/.test(before); pages++) {
        if (pages > 2000) throw new Error('Page Down never reached the newest row');
        await popup.press('PageDown');
        before = (await popup.waitFor(async () => {
          const now = await logText();
          return now !== before ? now : null;
        }, null))!;
      }

      // 2. Every format of a spread of rows, by ↓: the sent frames, then (filtered) the received ones.
      for (const [direction, top] of [
        ['both', '● Connecting'],
        ['in', '{"i":0,"parts":'],
      ] as const) {
        await filterDirection(popup, direction);
        await focusLog();
        await popup.press('Home');
        await popup.waitFor(async () => (await logText()).includes(top), null);
        await popup.click('grid', 'Frames'); // selects a row near the top
        for (let k = 0; k < 2; k++) await popup.press('ArrowDown'); // past "Connecting" and "Open"
        for (let step = 0; step < 10; step++) {
          await showFormats();
          for (let k = 0; k < 1 + step * 15; k++) await popup.press('ArrowDown');
        }
      }
      await filterDirection(popup, 'both');

      // 3. The extremes, found with the filter: each row of each, oldest first, every format.
      const extremes: [filter: string, type: 'all' | 'binary', rows: number, check: (text: string) => boolean][] = [
        ['[[[[[[[[', 'all', 2, (t) => t === '['.repeat(10000) + ']'.repeat(10000)],
        ['{"a":{"a"', 'all', 2, (t) => t === '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
        ['AAAAAAAAAAAA', 'all', 2, (t) => /^A{65536,}$/.test(t)],
        ['', 'binary', 4, (t) => texts.has(t) || /^<{65536,}$/.test(t)],
      ];
      for (const [filter, type, rows, check] of extremes) {
        await popup.fill('textbox', 'Filter', filter);
        await filterType(popup, type);
        await popup.waitFor(async () => ((await logText()).match(/↑ Sent|↓ Received/g) ?? []).length === rows, null);
        await popup.click('grid', 'Frames'); // on a row or beside the rows: either way, in the list
        for (let k = 0; k < rows; k++) await popup.press('ArrowUp'); // to the oldest, whatever was selected
        for (let row = 0; row < rows; row++) {
          lastText = '';
          const text = await showFormats(check);
          // The 16 MiB frame shows its first MiB (Base64 is the format left selected), and says so.
          if (text.startsWith('<<<'))
            expect(await popup.text('region', 'Details')).toContain('Showing the first 1.0 MiB of 16.0 MiB');
          await popup.press('ArrowDown');
        }
      }
    });

    expect(await damage(popup)).toEqual(NO_DAMAGE);
    // No script ran in any extension page (popup, background page in Firefox) nor in the service worker (Chromium).
    const views = await popup.evaluate(() => {
      const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? chrome;
      return api.extension.getViews().map((w) => (w as unknown as { __pwned?: number }).__pwned ?? 0);
    }, null);
    expect(views.length).toBeGreaterThan(0);
    expect(views.every((n) => n === 0)).toBe(true);
    expect(await suite.session.background(() => (globalThis as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
    // Rows show untrusted text on one line: no raw control, bidi or zero-width character.
    expect(rowsSeen.filter((t) => RAW_INVISIBLE.test(t)).map((t) => JSON.stringify(t.slice(0, 300)))).toEqual([]);
    // Responsive: no single task blocked the popup for a second, even on the 16 MiB frame.
    console.log(`${browserName}: longest frame gap ${gap.toFixed(0)} ms`);
    expect(gap).toBeLessThan(1_000);
    await popup.close();
  }, 300_000);
});
