// `npm run package` (after the build): store-ready zips of dist/chrome and dist/firefox in
// artifacts/, with manifest.json at the zip root. Node has no zip writer, so this is a minimal
// one: deflate (or store, when deflate does not help) + CRC-32, per APPNOTE.TXT.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib'; // zlib.crc32: Node ≥ 20.15 (engines says ≥ 20.19)

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

/** Relative paths (with '/') of every file under dir, sorted so the zip order is stable. */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      path
        .relative(dir, path.join(e.parentPath ?? e.path, e.name))
        .split(path.sep)
        .join('/'),
    )
    .sort();
}

/** MS-DOS date and time words, local time (what unzip shows), clamped to the 1980 epoch. */
function dosDateTime(date) {
  if (date.getFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

async function zipDirectory(dir) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of await listFiles(dir)) {
    const file = path.join(dir, ...name.split('/'));
    const data = await readFile(file);
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const { time, date } = dosDateTime((await stat(file)).mtime);
    const crc = crc32(data);

    // Fields shared by the local header (from "version needed") and the central header.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed to extract: 2.0 (deflate)
    common.writeUInt16LE(0x0800, 2); // flags: bit 11 = names are UTF-8
    common.writeUInt16LE(useDeflate ? 8 : 0, 4); // method: 8 deflate, 0 stored
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(date, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(body.length, 14); // compressed size
    common.writeUInt32LE(data.length, 18); // uncompressed size
    common.writeUInt16LE(nameBytes.length, 22);
    common.writeUInt16LE(0, 24); // extra field length

    const local = Buffer.concat([u32(0x04034b50), common, nameBytes, body]);
    const tail = Buffer.alloc(14); // comment length, disk, internal attrs (all 0), external attrs, offset
    tail.writeUInt32LE((0o100644 << 16) >>> 0, 6); // external attrs: a regular file, rw-r--r--
    tail.writeUInt32LE(offset, 10);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(0x0314) /* made by: Unix, 2.0 */, common, tail, nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22); // end of central directory record
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8); // entries on this disk
  end.writeUInt16LE(centrals.length, 10); // entries in total
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16); // where the central directory starts
  return Buffer.concat([...locals, central, end]);
}

function u16(n) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

// SOCKET_SCOPE_DIST: the build to package (as for the build); SOCKET_SCOPE_PACKAGES: where the zips go.
const dist = path.resolve(root, process.env.SOCKET_SCOPE_DIST ?? 'dist');
const outDir = path.resolve(root, process.env.SOCKET_SCOPE_PACKAGES ?? 'artifacts');
await mkdir(outDir, { recursive: true });
for (const browser of ['chrome', 'firefox']) {
  const dir = path.join(dist, browser);
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8').catch(() => 'null'));
  if (!manifest)
    throw new Error(`${dir}/manifest.json is missing: run \`node scripts/build.mjs\` first (npm run package does)`);
  if (manifest.version !== version) {
    throw new Error(
      `dist/${browser}/manifest.json has version ${manifest.version} but package.json has ${version}: keep them in step`,
    );
  }
  const zip = await zipDirectory(dir);
  const out = path.join(outDir, `socket-scope-${browser}-${version}.zip`);
  await writeFile(out, zip);
  console.log(`${path.relative(root, out)}  ${(zip.length / 1024).toFixed(1)} KB (${zip.length} bytes)`);
}
