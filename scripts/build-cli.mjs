// Builds the command line tool, bin/socket-scope.mjs, from src/cli (Node 20 runs no TypeScript).
// Run by `npm run build` and by `prepare`, so `npm install` / `npm ci` of the repo produce it.
import { build } from 'esbuild';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_PATH = path.join(root, 'bin', 'socket-scope.mjs');

export async function buildCli(outfile = CLI_PATH) {
  await mkdir(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ws and @cfworker/json-schema are dependencies: loaded from node_modules at run time.
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  await chmod(outfile, 0o755);
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildCli();
  console.log(`built ${path.relative(root, out)}`);
}
