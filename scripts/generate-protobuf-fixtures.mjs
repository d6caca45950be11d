#!/usr/bin/env node
/**
 * Writes test/unit/core/protobuf/fixtures/messages.json: protobuf messages encoded by the real
 * libraries, so the tests check our decoders against what they put on the wire.
 *
 * Each message is given once as proto3 JSON; it is encoded by @bufbuild/protobuf (fromJson →
 * toBinary, with descriptors protoc compiled from the .proto files) and by protobufjs
 * (fromObject → encode; well-known types take protobufjs's own object form, in `protobufjs`).
 * For every payload the fixture keeps:
 *   json      what @bufbuild/protobuf's toJson reads back (the proto3 JSON mapping's answer)
 *   decodeRaw what `protoc --decode_raw` prints
 *
 * Run: node scripts/generate-protobuf-fixtures.mjs   (needs the devDependencies and `protoc`,
 * Debian package protobuf-compiler; the tests need neither).
 */
import { create, createFileRegistry, fromBinary, fromJson, toBinary, toJson } from '@bufbuild/protobuf';
import { AnySchema, anyPack, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/unit/core/protobuf/fixtures');
const protoDir = join(fixtures, 'proto');
const PROTO_FILES = ['common/money.proto', 'scalars.proto', 'shop.proto', 'legacy.proto'];

const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const protocVersion = execFileSync('protoc', ['--version'], { encoding: 'utf8' }).trim();

// @bufbuild/protobuf: descriptors compiled by protoc.
const descriptorFile = join(mkdtempSync(join(tmpdir(), 'pb-')), 'set.pb');
execFileSync('protoc', ['--include_imports', `--descriptor_set_out=${descriptorFile}`, '-I', protoDir, ...PROTO_FILES]);
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(descriptorFile)));

// protobufjs: its own parser, with its bundled well-known types.
const pbRoot = new protobuf.Root();
pbRoot.resolvePath = (_origin, target) =>
  target.startsWith('google/') || target.startsWith('/') ? target : join(protoDir, target);
pbRoot.loadSync(PROTO_FILES.map((f) => join(protoDir, f)));
pbRoot.resolveAll();

const base64 = (bytes) => Buffer.from(bytes).toString('base64');
const decodeRaw = (bytes) => execFileSync('protoc', ['--decode_raw'], { input: bytes, encoding: 'utf8' });
const MAX_UINT64 = '18446744073709551615';

/** [name, type, proto3 JSON, protobufjs object (when it differs from the JSON)]. */
const MESSAGES = [
  ['scalars zero', 'fixtures.Scalars', {}],
  [
    'scalars positive',
    'fixtures.Scalars',
    {
      fDouble: 3.141592653589793,
      fFloat: 1.5,
      fInt32: 2147483647,
      fInt64: '9007199254740993',
      fUint32: 4294967295,
      fUint64: MAX_UINT64,
      fSint32: 2147483647,
      fSint64: '9223372036854775807',
      fFixed32: 4294967295,
      fFixed64: MAX_UINT64,
      fSfixed32: 2147483647,
      fSfixed64: '9223372036854775807',
      fBool: true,
      fString: 'hello',
      fBytes: 'AAEC/w==',
    },
  ],
  [
    'scalars negative',
    'fixtures.Scalars',
    {
      fDouble: -2.5e-300,
      fFloat: -0.25,
      fInt32: -1,
      fInt64: '-9223372036854775808',
      fSint32: -2147483648,
      fSint64: '-9223372036854775808',
      fSfixed32: -2147483648,
      fSfixed64: '-1',
    },
  ],
  ['scalars non-ascii', 'fixtures.Scalars', { fString: 'héllo wörld — 日本語 😀', fBytes: '/+7dzLuqmYh3ZlVEMyIRAA==' }],
  [
    'scalars repeated',
    'fixtures.Scalars',
    {
      rSint64: ['-1', '0', '1', '-300'],
      rFixed32: [1, 4294967295],
      rDouble: [0.5, -1e10],
      rBool: [true, false, true],
      rBytes: ['AQ==', ''],
    },
  ],
  ['scalars float specials', 'fixtures.Scalars', { fDouble: 'NaN', fFloat: '-Infinity', rDouble: ['Infinity', 0] }],
  [
    'order full',
    'fixtures.shop.Order',
    {
      id: 'order-1',
      items: [
        { sku: 'A-1', quantity: 2, price: { currency: 'EUR', units: '12', nanos: -500000000 } },
        { sku: 'B-2', quantity: 1 },
      ],
      status: 'STATUS_ACTIVE',
      packedInts: [1, -2, 300, 2147483647],
      unpackedInts: [7, -8],
      tags: ['new', 'gift', 'ünïcödé'],
      counts: { apples: 3, pears: -1 },
      itemsById: { 42: { sku: 'X' }, '-7': { sku: 'Y', quantity: 9 } },
      flags: { true: 'yes', false: 'no' },
      card: '4111-1111',
      createdAt: '2024-02-29T12:34:56.789Z',
      ttl: '3600.500s',
      history: ['STATUS_UNSPECIFIED', 'STATUS_ACTIVE', 'STATUS_CLOSED'],
      maybe: 0,
      parent: { id: 'order-0', status: 'STATUS_CLOSED' },
      attributes: { color: 'red', size: 3, tags: ['a', null, true], nested: { deep: false } },
      version: '12345678901',
      states: { a: 'STATUS_ACTIVE' },
    },
    {
      createdAt: { seconds: 1709210096, nanos: 789000000 },
      ttl: { seconds: 3600, nanos: 500000000 },
      attributes: {
        fields: {
          color: { stringValue: 'red' },
          size: { numberValue: 3 },
          tags: { listValue: { values: [{ stringValue: 'a' }, { nullValue: 'NULL_VALUE' }, { boolValue: true }] } },
          nested: { structValue: { fields: { deep: { boolValue: false } } } },
        },
      },
      version: { value: '12345678901' },
    },
  ],
  [
    'order oneof cash',
    'fixtures.shop.Order',
    { id: 'o2', cash: { currency: 'USD', units: '-3' }, createdAt: '1970-01-01T00:00:00Z', ttl: '-0.250s' },
    { createdAt: { seconds: 0, nanos: 0 }, ttl: { seconds: 0, nanos: -250000000 } },
  ],
  [
    'order any',
    'fixtures.shop.Order',
    { id: 'o3', extra: { '@type': 'type.googleapis.com/fixtures.shop.Item', sku: 'ANY-1', quantity: 5 } },
    { extra: { type_url: 'type.googleapis.com/fixtures.shop.Item', value: null } },
  ],
  [
    'order any of a well-known type',
    'fixtures.shop.Order',
    { extra: { '@type': 'type.googleapis.com/google.protobuf.Timestamp', value: '2001-09-09T01:46:40Z' } },
    { extra: { type_url: 'type.googleapis.com/google.protobuf.Timestamp', value: null } },
  ],
  ['order unknown enum values', 'fixtures.shop.Order', { status: 7, history: [1, 99, -5], states: { z: 42 } }],
  [
    'legacy proto2 with group',
    'fixtures.legacy.Legacy',
    { id: 5, extra: { note: 'in a group', level: -3 }, big: ['-1', '123456789012'], loose: [1, 2], name: 'none' },
  ],
];

/** OrderV2 messages, decoded with Order: fields 50–53 are unknown to it. */
const UNKNOWN_FIELDS = [
  [
    'order with unknown fields',
    'fixtures.shop.OrderV2',
    {
      id: 'v2',
      channel: 'web',
      gift: { sku: 'G', quantity: 1 },
      checksum: '1311768467463790320',
      flagsV2: [1, 2, 300],
    },
  ],
];

/** protobufjs wants Any's value as bytes: encode the inner message with protobufjs itself. */
function protobufjsObject(type, json, override) {
  const object = { ...json, ...override };
  if (override?.extra?.type_url) {
    const innerName = override.extra.type_url.split('/').pop();
    const innerJson = json.extra['@type'] && innerName.startsWith('google.') ? { seconds: 1000000000 } : json.extra;
    const fields = { ...innerJson };
    delete fields['@type'];
    const inner = pbRoot.lookupType(innerName);
    object.extra = { type_url: override.extra.type_url, value: inner.encode(inner.fromObject(fields)).finish() };
  }
  return pbRoot.lookupType(type).fromObject(object);
}

const frames = [];
function record(name, encoder, type, decodeAs, bytes, input) {
  const desc = registry.getMessage(decodeAs);
  const json = toJson(desc, fromBinary(desc, bytes), { registry });
  frames.push({ name, encoder, type, decodeAs, payload: base64(bytes), input, json, decodeRaw: decodeRaw(bytes) });
}

for (const [name, type, json, override] of [...MESSAGES, ...UNKNOWN_FIELDS]) {
  const decodeAs = type === 'fixtures.shop.OrderV2' ? 'fixtures.shop.Order' : type;
  const desc = registry.getMessage(type);
  record(name, '@bufbuild/protobuf', type, decodeAs, toBinary(desc, fromJson(desc, json, { registry })), json);
  const pbType = pbRoot.lookupType(type);
  record(name, 'protobufjs', type, decodeAs, pbType.encode(protobufjsObject(type, json, override)).finish(), json);
}

// An Any packed with anyPack, the way an application builds one.
const item = create(registry.getMessage('fixtures.shop.Item'), { sku: 'packed', quantity: 3 });
const order = create(registry.getMessage('fixtures.shop.Order'), {
  id: 'anyPack',
  extra: anyPack(registry.getMessage('fixtures.shop.Item'), item),
});
record(
  'order anyPack',
  '@bufbuild/protobuf',
  'fixtures.shop.Order',
  'fixtures.shop.Order',
  toBinary(registry.getMessage('fixtures.shop.Order'), order),
  null,
);
void AnySchema;

const fixture = {
  generator: 'scripts/generate-protobuf-fixtures.mjs',
  libraries: {
    '@bufbuild/protobuf': version('@bufbuild/protobuf'),
    protobufjs: version('protobufjs'),
    protoc: protocVersion,
  },
  protoFiles: PROTO_FILES,
  frames,
};
writeFileSync(join(fixtures, 'messages.json'), JSON.stringify(fixture, null, 1) + '\n');
console.log(`messages.json: ${frames.length} frames`);
