import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(__dirname, '../../../../src');
const sourceOf = (dir: string) =>
  readdirSync(join(src, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`${dir}/${f}`, readFileSync(join(src, dir, f), 'utf8')] as const);
const imports = (text: string) => [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)].map((m) => m[1]);

/**
 * protobufjs must stay in its own chunk, loaded only when the user imports a .proto: nothing the
 * UIs import statically (the decoders, the schema choice) may import it, even indirectly.
 */
describe('the schema code stays a separate, lazily loaded chunk', () => {
  it('no decoder imports protobufjs or the schema module (../protobuf)', () => {
    const offenders = sourceOf('core/decoders').flatMap(([file, text]) =>
      imports(text)
        .filter((from) => from === 'protobufjs' || /^\.\.\/protobuf(\/|$)/.test(from ?? ''))
        .map((from) => `${file} imports ${from}`),
    );
    expect(offenders).toEqual([]);
  });

  it('schema-choice.ts imports no value at all (types only)', () => {
    expect(imports(readFileSync(join(src, 'core/protobuf/schema-choice.ts'), 'utf8'))).toEqual([]);
  });
});
