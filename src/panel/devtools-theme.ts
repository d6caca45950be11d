import { browser } from '../extension/browser';

/**
 * The panel wears DevTools' theme, not the OS's: a user may run dark DevTools on a light system.
 * `devtools.panels.themeName` is "dark", or "default"/"light"; Firefox also tells when it
 * changes. Opened as a page (panel.html?tabId=N) there is no DevTools theme, and the browser's
 * colour scheme applies (theme.css).
 */
export function followDevtoolsTheme(root: HTMLElement = document.documentElement): void {
  const panels = browser.devtools?.panels;
  if (!panels) return;
  const apply = (name: string) => {
    root.dataset.theme = name === 'dark' ? 'dark' : 'light';
  };
  if (typeof panels.themeName === 'string') apply(panels.themeName);
  // Chrome has no change event: DevTools reloads its panels when the theme changes.
  panels.onThemeChanged?.addListener(apply);
}
