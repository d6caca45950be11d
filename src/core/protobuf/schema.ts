import { Type } from 'protobufjs';
import type { ProtobufTypeDecoded, ProtobufTypeDecoder } from '../decoders/protobuf-type-hook';
import { decodeWithType } from './reflect-decode';
import { encodeWithType, type EncodeResult } from './reflect-encode';
import { loadSchema, type ProtoFile, type SchemaDiagnostic } from './schema-files';
import { allTypes } from './schema-resolve';

/** Imported .proto files as a registry of message types. See README.md. */
export interface ProtobufSchema {
  /** The file names read (normalised: `./a.proto` is `a.proto`). */
  readonly files: readonly string[];
  /** Syntax errors (file, line, column), imports not found, types that do not resolve. */
  readonly diagnostics: readonly SchemaDiagnostic[];
  /** Fully qualified message types (`shop.v1.Order`), sorted; google.protobuf ones last. */
  readonly messageTypes: readonly string[];
  /** What DecodeContext.protobufType takes; null when the type is not in the files. */
  decoderFor(typeName: string): ProtobufTypeDecoder | null;
  /** Never throws. */
  decode(typeName: string, bytes: Uint8Array): ProtobufTypeDecoded;
  /** Proto3 JSON (an object already parsed) to the message's bytes. Never throws. */
  encode(typeName: string, json: unknown): EncodeResult;
  /** The composer's text: JSON, then encode(). Never throws. */
  encodeJsonText(typeName: string, text: string): EncodeResult;
}

/** Loads .proto files (imports between them resolved by file name). Never throws. */
export function loadProtobufSchema(files: readonly ProtoFile[]): ProtobufSchema {
  const { root, files: names, diagnostics } = loadSchema(files);
  const types = new Map(allTypes(root).map((type) => [type.fullName.slice(1), type]));
  const findType = (name: string): Type | null => types.get(name.replace(/^\./, '')) ?? null;
  // An Any's type URL is `type.googleapis.com/pkg.Name`: the name is after the last slash.
  const lookup = (typeUrl: string) => findType(typeUrl.slice(typeUrl.lastIndexOf('/') + 1));
  const messageTypes = [...types.keys()].sort(
    (a, b) => Number(a.startsWith('google.protobuf.')) - Number(b.startsWith('google.protobuf.')) || a.localeCompare(b),
  );
  const missing = (typeName: string) => `no message type ${typeName} in the imported files`;
  const schema: ProtobufSchema = {
    files: names,
    diagnostics,
    messageTypes,
    decoderFor(typeName) {
      const type = findType(typeName);
      if (!type) return null;
      return { typeName: type.fullName.slice(1), decode: (bytes) => decodeWithType(type, bytes, lookup) };
    },
    decode(typeName, bytes) {
      const type = findType(typeName);
      if (!type) return { value: {}, error: { reason: missing(typeName), offset: 0 }, unknownFields: 0 };
      return decodeWithType(type, bytes, lookup);
    },
    encode(typeName, json) {
      const type = findType(typeName);
      return type ? encodeWithType(type, json, lookup) : { ok: false, error: missing(typeName), path: '' };
    },
    encodeJsonText(typeName, text) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}`, path: '' };
      }
      return schema.encode(typeName, json);
    },
  };
  return schema;
}
