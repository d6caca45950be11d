/**
 * Protobuf with a schema: import .proto files, list their message types, decode frames to named
 * fields and encode JSON to binary. A lazy chunk: the UIs load it with `await import(…)` only
 * once the user imports a .proto. Usage: README.md beside this file.
 *
 * WHY protobufjs's parser with our own reflective codec (measured, see README.md):
 * - A .proto text parser that runs in a browser: protobufjs has one; @bufbuild/protobuf has
 *   none (@bufbuild/protocompile runs the buf CLI binary), so it would need protobufjs anyway
 *   plus a conversion to descriptors: 220 KB minified for both, 148 KB for this module; and
 *   bufbuild's fromBinary + toJson is no faster on 1 MiB (167 ms against our 148 ms).
 * - CSP: protobufjs's own encode/decode/constructors are generated with `new Function`
 *   (util.codegen), which the extension's CSP forbids. We call only its parser and reflection
 *   (Root, Type, Field, Enum, resolve), and decode/encode by walking the reflection over our own
 *   wire reader/writer (../decoders/protobuf-wire.ts, wire-writer.ts). A unit test runs every
 *   path with the Function constructor stubbed to throw.
 * - Control: the walk is bounded (depth, values), never throws, keeps unknown fields by number
 *   and names the byte offset of an error, which neither library's decoder does.
 */
export { loadProtobufSchema, type ProtobufSchema } from './schema';
export { normalizeName, SCHEMA_LIMITS, type ProtoFile, type SchemaDiagnostic } from './schema-files';
export type { EncodeResult } from './reflect-encode';
export { frameMessage } from '../decoders/protobuf-framing';
