import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtoFile } from '../../../../src/core/protobuf';

export interface MessageFixture {
  readonly name: string;
  readonly encoder: '@bufbuild/protobuf' | 'protobufjs';
  /** The type the bytes were encoded as, and the one to decode them as. */
  readonly type: string;
  readonly decodeAs: string;
  readonly payload: string;
  readonly input: Record<string, unknown> | null;
  /** @bufbuild/protobuf's toJson of the bytes. */
  readonly json: Record<string, unknown>;
  /** `protoc --decode_raw` of the bytes. */
  readonly decodeRaw: string;
}

const dir = join(__dirname, 'fixtures');
const fixture = JSON.parse(readFileSync(join(dir, 'messages.json'), 'utf8')) as {
  readonly protoFiles: readonly string[];
  readonly frames: readonly MessageFixture[];
};

export const MESSAGES = fixture.frames;
export const bytesOf = (m: MessageFixture) => new Uint8Array(Buffer.from(m.payload, 'base64'));

/** The fixture .proto files, named as they are imported (`common/money.proto`). */
export const PROTO_FILES: readonly ProtoFile[] = fixture.protoFiles.map((name) => ({
  name,
  text: readFileSync(join(dir, 'proto', name), 'utf8'),
}));

export function message(name: string, encoder: MessageFixture['encoder'] = '@bufbuild/protobuf'): MessageFixture {
  const found = MESSAGES.find((m) => m.name === name && m.encoder === encoder);
  if (!found) throw new Error(`no fixture message "${name}"`);
  return found;
}

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
