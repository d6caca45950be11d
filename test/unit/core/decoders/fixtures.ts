import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Direction, WirePayload } from '../../../../src/protocol';
import type { DecodeContext } from '../../../../src/core/decoders';

export interface FixtureFrame {
  readonly name: string;
  readonly direction: Direction;
  readonly payload: WirePayload;
  readonly context?: DecodeContext;
  readonly input?: Record<string, unknown>;
  readonly handBuilt?: boolean;
}

export interface Fixture {
  readonly libraries: Record<string, string>;
  readonly frames: readonly FixtureFrame[];
}

export const FIXTURE_NAMES = [
  'action-cable',
  'binary-formats',
  'graphql-transport-ws',
  'graphql-ws-legacy',
  'json-rpc',
  'mqtt',
  'phoenix',
  'signalr',
  'socket-io',
  'sockjs',
  'stomp',
] as const;

export function loadFixture(name: (typeof FIXTURE_NAMES)[number]): Fixture {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Fixture;
}

export function frame(fixture: Fixture, name: string): FixtureFrame {
  const found = fixture.frames.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture frame "${name}"`);
  return found;
}

/** The frame's context plus its direction, as a UI would pass it. */
export const contextOf = (f: FixtureFrame): DecodeContext => ({ ...(f.context ?? {}), direction: f.direction });

export const text = (t: string): WirePayload => ({ kind: 'text', text: t });
export const binary = (bytes: ArrayLike<number>): WirePayload => ({
  kind: 'binary',
  base64: Buffer.from(Uint8Array.from(bytes)).toString('base64'),
});
export const bytesOf = (payload: WirePayload): Uint8Array =>
  payload.kind === 'binary'
    ? new Uint8Array(Buffer.from(payload.base64, 'base64'))
    : new TextEncoder().encode(payload.text);
