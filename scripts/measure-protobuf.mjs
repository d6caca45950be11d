#!/usr/bin/env node
/**
 * The measurements behind src/core/protobuf's choice of library (see its README):
 * 1. Minified bundle size of our schema module, of protobufjs alone, of @bufbuild/protobuf's
 *    binary + JSON + registry, and of both (what bufbuild would cost, since it has no browser
 *    .proto parser: protobufjs would parse and bufbuild decode).
 * 2. Decode speed on a ~1 MiB message: ours (reflection over our reader), @bufbuild/protobuf
 *    (fromBinary + toJson, reflective, CSP-safe) and protobufjs's generated code (decode +
 *    toObject: the fastest, but it needs `new Function`, which the extension's CSP forbids).
 *
 * Run: node scripts/measure-protobuf.mjs   (needs the devDependencies and `protoc`)
 */
import { create, createFileRegistry, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = join(root, 'test/unit/core/protobuf/fixtures/proto');
const PROTO_FILES = ['common/money.proto', 'scalars.proto', 'shop.proto', 'legacy.proto'];
const out = mkdtempSync(join(tmpdir(), 'pb-measure-'));

async function bundleSize(name, contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome148', 'firefox140'],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  console.log(
    `${name}: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipSync(code).length / 1024).toFixed(1)} KB gzip`,
  );
}

await bundleSize('our schema module (src/core/protobuf)', `export * from './src/core/protobuf/index.ts';`);
await bundleSize('protobufjs (parse + reflection)', `export { parse, Root } from 'protobufjs';`);
await bundleSize(
  '@bufbuild/protobuf (registry, binary, JSON)',
  `export { createFileRegistry, fromBinary, toBinary, toJson, fromJson } from '@bufbuild/protobuf'; export { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';`,
);
await bundleSize(
  'protobufjs parser + @bufbuild/protobuf codec',
  `export { parse, Root } from 'protobufjs'; export { createFileRegistry, fromBinary, toBinary, toJson, fromJson } from '@bufbuild/protobuf'; export { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';`,
);

// Our module, bundled for Node so this script can call it.
const ours = join(out, 'ours.mjs');
await build({
  entryPoints: [join(root, 'src/core/protobuf/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: ours,
  logLevel: 'error',
});
const { loadProtobufSchema } = await import(pathToFileURL(ours).href);
const schema = loadProtobufSchema(
  PROTO_FILES.map((name) => ({ name, text: readFileSync(join(protoDir, name), 'utf8') })),
);

const items = Array.from({ length: 24_000 }, (_, i) => ({
  sku: `SKU-${i}-abcdefgh`,
  quantity: i % 100,
  price: { currency: 'EUR', units: String(i * 7), nanos: -i },
}));
const encoded = schema.encode('fixtures.shop.Order', {
  id: 'big',
  items,
  packedInts: Array.from({ length: 20_000 }, (_, i) => i),
});
const bytes = encoded.bytes;

const descriptorFile = join(out, 'set.pb');
execFileSync('protoc', ['--include_imports', `--descriptor_set_out=${descriptorFile}`, '-I', protoDir, ...PROTO_FILES]);
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(descriptorFile)));
const Order = registry.getMessage('fixtures.shop.Order');
void create;
void toBinary;

const pbRoot = new protobuf.Root();
pbRoot.resolvePath = (_o, t) => (t.startsWith('google/') || t.startsWith('/') ? t : join(protoDir, t));
pbRoot.loadSync(PROTO_FILES.map((f) => join(protoDir, f)));
const PbOrder = pbRoot.lookupType('fixtures.shop.Order');

function median(run, rounds = 7) {
  run();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[rounds >> 1].toFixed(0);
}

console.log(`decode ${(bytes.length / 1024).toFixed(0)} KiB Order to JSON (median of 7):`);
console.log(`  ours (reflection, CSP-safe)          ${median(() => schema.decode('fixtures.shop.Order', bytes))} ms`);
console.log(`  @bufbuild/protobuf fromBinary+toJson ${median(() => toJson(Order, fromBinary(Order, bytes)))} ms`);
console.log(
  `  protobufjs generated decode+toObject ${median(() => PbOrder.toObject(PbOrder.decode(bytes), { longs: String }))} ms (needs new Function)`,
);
