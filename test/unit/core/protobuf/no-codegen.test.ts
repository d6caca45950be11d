import { parse } from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeWith } from '../../../../src/core/decoders';
import { loadProtobufSchema } from '../../../../src/core/protobuf';
import { binary } from '../decoders/fixtures';
import { bytesOf, MESSAGES, PROTO_FILES } from './fixtures';

/**
 * The extension's CSP forbids `new Function` and `eval`; protobufjs generates its codecs with
 * `Function` (util.codegen). Run everything with both replaced by functions that throw: nothing
 * of ours may reach them.
 */
function withoutCodegen<T>(run: () => T): T {
  const original = { Function: globalThis.Function, eval: globalThis.eval };
  const calls: string[] = [];
  const refuse = (name: string) =>
    function refused(): never {
      calls.push(name);
      throw new EvalError(`${name} is forbidden by the CSP`);
    };
  globalThis.Function = refuse('Function') as unknown as FunctionConstructor;
  globalThis.eval = refuse('eval');
  try {
    const result = run();
    expect(calls).toEqual([]);
    return result;
  } finally {
    globalThis.Function = original.Function;
    globalThis.eval = original.eval;
  }
}

describe('no generated code runs (CSP)', () => {
  it('the stub is effective: protobufjs own decode needs Function and fails', () => {
    expect(() =>
      withoutCodegen(() => {
        const type = parse('syntax = "proto3"; message A { int32 x = 1; }').root.lookupType('A');
        return type.decode(Uint8Array.from([0x08, 0x01]));
      }),
    ).toThrow(/forbidden by the CSP/);
  });

  it('loading .proto files, decoding, encoding and the decoders with a type', () => {
    withoutCodegen(() => {
      const schema = loadProtobufSchema(PROTO_FILES);
      expect(schema.diagnostics).toEqual([]);
      for (const m of MESSAGES) {
        const decoded = schema.decode(m.decodeAs, bytesOf(m));
        expect(decoded.error).toBeUndefined();
        if (m.input) expect(schema.encode(m.type, m.input).ok).toBe(true);
        const result = decodeWith('protobuf', binary(bytesOf(m)), {
          protobufType: schema.decoderFor(m.decodeAs) ?? undefined,
        });
        expect(result.error).toBeUndefined();
      }
      expect(schema.diagnostics).toEqual([]);
    });
  });
});
