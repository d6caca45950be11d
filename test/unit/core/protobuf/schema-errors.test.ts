import { describe, expect, it } from 'vitest';
import { loadProtobufSchema, SCHEMA_LIMITS } from '../../../../src/core/protobuf';
import { PROTO_FILES } from './fixtures';

const load = (text: string, name = 'bad.proto') => loadProtobufSchema([{ name, text }]);
const first = (text: string) => load(text).diagnostics[0];

describe('a .proto with a syntax error names the file, line and column', () => {
  it.each([
    ['a missing semicolon', 'syntax = "proto3";\nmessage A {\n  int32 x = 1\n  int32 y = 2;\n}', 4, 3],
    ['a doubled =', 'syntax = "proto3";\nmessage A {\n  int32 x = = 1;\n}', 3, 13],
    ['the second of two = on the line', 'syntax = "proto3";\nmessage A { int32 x = 1; int32 y = = 2; }', 2, 36],
    ['a message without a name', 'syntax = "proto3";\nmessage {\n}', 2, 9],
    ['a field number that is a word', 'syntax = "proto3";\nmessage A {\n  int32 x = abc;\n}', 3, 13],
    ['an extra closing brace', 'syntax = "proto3";\nmessage A {\n  int32 x = 1;\n}\n}', 5, 1],
    ['the end of the file inside a message', 'syntax = "proto3";\nmessage A {\n  int32 x = 1;\n', 4, 1],
    ['an unterminated comment', 'syntax = "proto3";\nmessage A {\n  /* never closed\n}', 3, 3],
    ['an unknown syntax', 'syntax = "proto4";\nmessage A {}', 1, 1],
    ['a duplicate field number', 'syntax = "proto3";\nmessage A {\n  int32 x = 1;\n  int32 y = 1;\n}', 4, 11],
    ['a duplicate message', 'syntax = "proto3";\nmessage A {}\nmessage A {}', 3, 9],
    ['binary garbage', '\u0000\u0001garbage', 1, 1],
  ])('%s', (_name, text, line, column) => {
    const diagnostic = first(text);
    expect(diagnostic).toMatchObject({ file: 'bad.proto', line, column });
  });

  it('says what is wrong in protobufjs words', () => {
    expect(first('syntax = "proto3";\nmessage A {\n  int32 x = = 1;\n}')?.message).toBe(
      "illegal id '=' (bad.proto, line 3)",
    );
  });

  it('a type that does not resolve is named where the field is', () => {
    const diagnostics = load('syntax = "proto3";\npackage p;\nmessage A {\n  Missing m = 1;\n}').diagnostics;
    expect(diagnostics).toEqual([
      { file: 'bad.proto', line: 4, column: 11, message: "p.A.m: no such Type or Enum 'Missing' in Type .p.A" },
    ]);
  });

  it('an import that was not given is named at its line; the rest still loads', () => {
    const schema = load('syntax = "proto3";\nimport "other.proto";\nmessage A { int32 x = 1; }');
    expect(schema.diagnostics).toEqual([
      { file: 'bad.proto', line: 2, column: 1, message: 'imports "other.proto", which was not imported: add it' },
    ]);
    expect(schema.messageTypes).toEqual(['A']);
  });

  it('imports resolve by file name, in any order, whatever the folder', () => {
    const files = PROTO_FILES.map((f) => ({ ...f, name: f.name.replace('common/', 'elsewhere/') })).reverse();
    const schema = loadProtobufSchema(files);
    expect(schema.diagnostics).toEqual([]);
    expect(schema.files).toContain('elsewhere/money.proto');
    expect(schema.decoderFor('fixtures.shop.Order')).not.toBeNull();
  });

  it('custom options (descriptor.proto) resolve without the file', () => {
    const text =
      'syntax = "proto3";\nimport "google/protobuf/descriptor.proto";\nextend google.protobuf.FieldOptions { string label = 50000; }\nmessage A { int32 x = 1 [(label) = "X"]; }';
    expect(load(text).diagnostics).toEqual([]);
  });

  it('a broken file adds nothing; the good ones still load', () => {
    const schema = loadProtobufSchema([
      { name: 'good.proto', text: 'syntax = "proto3"; message Good { int32 x = 1; }' },
      { name: 'bad.proto', text: 'syntax = "proto3"; message Bad { int32 x = ; }' },
    ]);
    expect(schema.messageTypes).toEqual(['Good']);
    expect(schema.diagnostics.map((d) => d.file)).toEqual(['bad.proto']);
  });

  it('bounded: files too large or too many are refused, named', () => {
    const big = 'x'.repeat(SCHEMA_LIMITS.maxFileChars + 1);
    expect(load(big).diagnostics[0]?.message).toBe(`not read: larger than ${SCHEMA_LIMITS.maxFileChars} characters`);
    // The 33rd nested message: protobufjs's limit is protoc's, 32.
    const deep = 'syntax = "proto3";\n' + 'message A {'.repeat(40) + '}'.repeat(40);
    expect(first(deep)).toMatchObject({ message: 'max depth exceeded', line: 2, column: 363 });
  });
});
