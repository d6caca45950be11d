import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The build under test: dist/ unless SOCKET_SCOPE_DIST names another (see scripts/build.mjs). */
export const DIST = path.resolve(ROOT, process.env.SOCKET_SCOPE_DIST ?? 'dist');
export const DIST_CHROME = path.join(DIST, 'chrome');
export const DIST_FIREFOX = path.join(DIST, 'firefox');
export const TEST_PAGES = path.join(ROOT, 'test/e2e/pages');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
/** Screenshots the README shows, refreshed by every e2e run. */
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

function which(names: string[]): string | null {
  for (const name of names) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH; try the next name
    }
  }
  return null;
}

/** A missing browser is a clear failure, never a silent skip. */
export function findBrowser(kind: 'chromium' | 'firefox'): string {
  const envName = kind === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH';
  const fromEnv = process.env[envName];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envName}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const names = kind === 'chromium' ? ['chromium', 'chromium-browser', 'google-chrome'] : ['firefox-esr', 'firefox'];
  const found = which(names);
  if (!found) {
    throw new Error(
      `${kind} not found: install it (Debian: apt-get install -y ${kind === 'chromium' ? 'chromium' : 'firefox-esr'}) ` +
        `or set ${envName} to its executable`,
    );
  }
  return found;
}

export function requireBuild(dist: string): void {
  if (!existsSync(path.join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run npm run build first`);
}

/** Flags that keep Chromium quiet and working on a closed network, as root. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--no-default-browser-check',
];
