import type { Page as PlaywrightPage } from 'playwright-core';
import type { UiPage } from './ui-page';

/**
 * Panel-test helpers that differ between playwright-core (Chromium) and puppeteer-core
 * (Firefox): file inputs, viewport size and colour scheme.
 */
const isPlaywright = (raw: UiPage['raw']): raw is PlaywrightPage => 'setInputFiles' in raw;

export async function setInputFile(page: UiPage, selector: string, file: string): Promise<void> {
  const raw = page.raw;
  if (isPlaywright(raw)) return raw.setInputFiles(selector, file);
  const input = await raw.$(selector);
  if (!input) throw new Error(`no ${selector} to upload into`);
  await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
}

export async function setViewport(page: UiPage, width: number, height: number): Promise<void> {
  const raw = page.raw;
  if (isPlaywright(raw)) return raw.setViewportSize({ width, height });
  await raw.setViewport({ width, height });
}

/** false when the browser's driver cannot emulate it (then no dark screenshot is taken). */
export async function setColorScheme(page: UiPage, scheme: 'light' | 'dark'): Promise<boolean> {
  const raw = page.raw;
  try {
    if (isPlaywright(raw)) await raw.emulateMedia({ colorScheme: scheme });
    else await raw.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    return true;
  } catch {
    return false; // Firefox over WebDriver BiDi may not support media emulation
  }
}
