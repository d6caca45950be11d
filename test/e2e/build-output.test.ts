import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DIST, DIST_CHROME, DIST_FIREFOX, ROOT } from './harness/browsers';

const run = promisify(execFile);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

/**
 * Warnings web-ext reports that we accept, with the reason (also listed in the README):
 * Preact's DOM renderer contains an `innerHTML` assignment used only for
 * `dangerouslySetInnerHTML`, which our code never uses (see test/unit/no-html-sinks.test.ts).
 * With code splitting Preact sits in a shared chunk, so the warning names that chunk.
 */
async function isPreactsInnerHtml(warning: { code: string; file: string }): Promise<boolean> {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT') return false;
  const source = await readFile(path.join(DIST_FIREFOX, warning.file), 'utf8');
  return source.includes('dangerouslySetInnerHTML');
}

describe('built extension', () => {
  it('Firefox build passes web-ext lint with no errors and only justified warnings', async () => {
    const bin = path.join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
    const { stdout } = await run(
      process.execPath,
      [bin, 'lint', '--source-dir', DIST_FIREFOX, '--output', 'json', '--no-config-discovery'],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([]);
    const warnings = report.warnings as { code: string; file: string }[];
    const unjustified = [];
    for (const w of warnings) if (!(await isPreactsInnerHtml(w))) unjustified.push(w);
    expect(unjustified).toEqual([]);
    expect(warnings.length).toBeLessThanOrEqual(1); // Preact is bundled once, in one chunk
  });

  it('has per-browser manifests: service worker for Chrome, background scripts and gecko settings for Firefox', async () => {
    const chrome = await readJson(path.join(DIST_CHROME, 'manifest.json'));
    const firefox = await readJson(path.join(DIST_FIREFOX, 'manifest.json'));
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    for (const manifest of [chrome, firefox]) {
      expect(manifest.manifest_version).toBe(3);
      const hook = manifest.content_scripts.find((s: { js: string[] }) => s.js.includes('hook.js'));
      expect(hook).toMatchObject({ world: 'MAIN', run_at: 'document_start', all_frames: true });
      // Handshake headers: Firefox needs declarativeNetRequest (asked for at runtime as an optional
      // permission it never resolves there); Chrome the host-access-only variant and offscreen.
      expect(manifest.permissions).toEqual(
        manifest === firefox
          ? ['storage', 'declarativeNetRequest']
          : ['storage', 'declarativeNetRequestWithHostAccess', 'offscreen'],
      );
      expect(manifest.optional_host_permissions).toEqual(['<all_urls>']);
      expect(manifest.host_permissions).toBeUndefined();
    }
    // Only Chrome ships the offscreen document.
    expect(existsSync(path.join(DIST_CHROME, 'offscreen.html'))).toBe(true);
    expect(existsSync(path.join(DIST_FIREFOX, 'offscreen.html'))).toBe(false);
  });

  it('keeps bundles within their budgets', async () => {
    const sizes = await readJson(path.join(DIST, 'sizes.json'));
    expect(sizes['hook.js']).toBeLessThanOrEqual(8 * 1024);
    expect(sizes['popup.js']).toBeLessThanOrEqual(80 * 1024);
    expect(sizes['panel.js']).toBeLessThanOrEqual(120 * 1024);
  });

  it('packages store zips: manifest at the root, icons, privacy statement; the offscreen document only for Chrome', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'socket-scope-packages-'));
    try {
      await run(process.execPath, [path.join(ROOT, 'scripts/package.mjs')], {
        env: { ...process.env, SOCKET_SCOPE_DIST: DIST, SOCKET_SCOPE_PACKAGES: out },
      });
      const { version } = await readJson(path.join(ROOT, 'package.json'));
      expect((await readdir(out)).sort()).toEqual([
        `socket-scope-chrome-${version}.zip`,
        `socket-scope-firefox-${version}.zip`,
      ]);
      for (const [browser, dist] of [
        ['chrome', DIST_CHROME],
        ['firefox', DIST_FIREFOX],
      ] as const) {
        const files = readZip(await readFile(path.join(out, `socket-scope-${browser}-${version}.zip`)));
        for (const name of [
          'manifest.json',
          'PRIVACY.md',
          'background.js',
          'hook.js',
          'popup.html',
          'panel.html',
          ...[16, 32, 48, 128].map((n) => `icons/icon-${n}.png`),
        ]) {
          expect(files.has(name), `${browser}: ${name}`).toBe(true);
        }
        expect(files.has('offscreen.html')).toBe(browser === 'chrome');
        // The zip holds exactly the build's bytes.
        expect(files.get('manifest.json')!.equals(await readFile(path.join(dist, 'manifest.json')))).toBe(true);
        expect(files.get('icons/icon-128.png')!.equals(await readFile(path.join(dist, 'icons/icon-128.png')))).toBe(
          true,
        );
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

/** Entries of a zip (stored or deflated), read through its central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(dataStart, dataStart + compressed);
    files.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
