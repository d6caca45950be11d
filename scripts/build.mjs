// Builds dist/chrome and dist/firefox from one source: same bundles, per-browser manifests.
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { writeIcons } from './icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// SOCKET_SCOPE_DIST lets parallel work build and test its own copy without racing on dist/.
const dist = path.resolve(root, process.env.SOCKET_SCOPE_DIST ?? 'dist');
const shared = path.join(dist, '.bundles');
const dev = process.argv.includes('--dev');

/** Budgets in bytes (minified): hook 8 KB, popup 80 KB, panel 120 KB. The build fails when one is exceeded. */
export const BUNDLE_BUDGETS = { 'hook.js': 8 * 1024, 'popup.js': 80 * 1024, 'panel.js': 120 * 1024 };

// The hook↔relay event types: 64-bit secrets fixed at build time, so page scripts cannot listen
// to the channel or forge messages on it (an event type cannot be enumerated, only named).
const hookEvent = `ss-${randomBytes(8).toString('hex')}`;
const commandEvent = `sc-${randomBytes(8).toString('hex')}`;

/** Classic scripts: content scripts, the background, the devtools page. */
const scriptEntries = {
  hook: 'src/page/hook.ts',
  relay: 'src/page/relay.ts',
  background: 'src/background/index.ts',
  devtools: 'src/devtools/devtools.ts',
  offscreen: 'src/offscreen/offscreen.ts',
};
/**
 * The two UIs, as ES modules with code splitting: what they import dynamically (the protocol
 * decoders) is a chunk loaded after first render, so it does not weigh on opening them.
 */
const pageEntries = {
  popup: 'src/popup/index.tsx',
  panel: 'src/panel/index.tsx',
};

/**
 * Bytes each entry loads before it runs: itself plus the chunks it imports statically.
 * Chunks reached only by dynamic import() are reported on their own, as "(lazy)".
 */
export function loadedSizes(metafile, entryNames) {
  const outputs = metafile.outputs;
  const sizes = {};
  const eager = new Set();
  const closure = (file, seen = new Set()) => {
    if (seen.has(file)) return 0;
    seen.add(file);
    eager.add(file);
    let bytes = outputs[file].bytes;
    for (const imp of outputs[file].imports) if (imp.kind === 'import-statement') bytes += closure(imp.path, seen);
    return bytes;
  };
  const entries = Object.keys(outputs).filter(
    (file) => entryNames.includes(path.basename(file, '.js')) && !file.includes('/chunks/'),
  );
  for (const file of entries) sizes[path.basename(file)] = closure(file);
  for (const [file, info] of Object.entries(outputs)) {
    if (!eager.has(file)) sizes[`${path.basename(file)} (lazy)`] = info.bytes;
  }
  return sizes;
}

export function mergeManifest(source, browser) {
  const manifest = {};
  for (const [key, value] of Object.entries(source)) {
    if (!key.startsWith('$')) manifest[key] = value;
  }
  Object.assign(manifest, source[`$${browser}`]);
  if (browser === 'firefox') {
    // Not supported by Firefox's MV3 content scripts (web-ext lint flags it).
    for (const script of manifest.content_scripts) delete script.match_origin_as_fallback;
  }
  return manifest;
}

async function main() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(shared, { recursive: true });
  const common = {
    outdir: shared,
    bundle: true,
    target: ['chrome148', 'firefox140'],
    minify: !dev,
    sourcemap: false,
    metafile: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: {
      __HOOK_EVENT__: JSON.stringify(hookEvent),
      __COMMAND_EVENT__: JSON.stringify(commandEvent),
      'process.env.NODE_ENV': '"production"',
    },
    logLevel: 'warning',
  };
  const scripts = await build({ ...common, entryPoints: scriptEntries, format: 'iife' });
  const pages = await build({
    ...common,
    entryPoints: pageEntries,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });

  const sizes = {
    ...loadedSizes(scripts.metafile, Object.keys(scriptEntries)),
    ...loadedSizes(pages.metafile, Object.keys(pageEntries)),
  };
  const over = Object.entries(BUNDLE_BUDGETS).filter(([file, budget]) => !dev && sizes[file] > budget);

  const source = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
  for (const browser of ['chrome', 'firefox']) {
    const out = path.join(dist, browser);
    await mkdir(out, { recursive: true });
    await cp(shared, out, { recursive: true });
    await cp(path.join(root, 'static'), out, { recursive: true });
    await writeIcons(path.join(out, 'icons'));
    await writeFile(path.join(out, 'manifest.json'), JSON.stringify(mergeManifest(source, browser), null, 2));
    // Only Chrome needs the offscreen document (sockets with handshake headers; see offscreen.ts).
    if (browser === 'firefox') await Promise.all(['offscreen.html', 'offscreen.js'].map((f) => rm(path.join(out, f))));
  }
  await rm(shared, { recursive: true, force: true });
  await writeFile(path.join(dist, 'sizes.json'), JSON.stringify(sizes, null, 2));

  const line = Object.entries(sizes)
    .map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KB`)
    .join(', ');
  console.log(`built ${path.relative(root, dist)}/chrome and ${path.relative(root, dist)}/firefox: ${line}`);
  if (over.length > 0) {
    for (const [file, budget] of over) console.error(`${file} is ${sizes[file]} B, over its budget of ${budget} B`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
