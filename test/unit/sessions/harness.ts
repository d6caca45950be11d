import type { WirePayload } from '../../../src/protocol';
import type { SessionTimers, SessionTransport } from '../../../src/sessions/types';

/** A manual clock: timers fire only when the test advances time. */
export interface ManualTimers extends SessionTimers {
  advance(ms: number): void;
  pending(): number;
}

export function createManualTimers(start = 1_000_000): ManualTimers {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let first: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
        if (!first) break;
        timers.delete(first[0]);
        now = first[1].at;
        first[1].callback();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

export interface MemoryTransport extends SessionTransport {
  readonly sent: WirePayload[];
  readonly texts: () => string[];
  closedWith: { code: number; reason: string } | null;
  /** Takes (and forgets) what was sent so far. */
  take(): WirePayload[];
}

export function createMemoryTransport(): MemoryTransport {
  const transport: MemoryTransport = {
    sent: [],
    closedWith: null,
    texts: () => transport.sent.map((p) => (p.kind === 'text' ? p.text : `<binary ${p.base64}>`)),
    send(payload) {
      transport.sent.push(payload);
    },
    close(code, reason) {
      transport.closedWith = { code, reason };
    },
    take() {
      return transport.sent.splice(0);
    },
  };
  return transport;
}

export const text = (t: string): WirePayload => ({ kind: 'text', text: t });
export const binary = (bytes: ArrayLike<number>): WirePayload => ({
  kind: 'binary',
  base64: Buffer.from(Uint8Array.from(bytes)).toString('base64'),
});

/** Deterministic pseudo-random bytes (xorshift), for fuzzing server input. */
export function randomBytes(seed: number, length: number): Uint8Array {
  let x = seed || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Every prefix and a set of one-byte mutations of `frame`, for "malformed input never throws". */
export function mutations(frame: Uint8Array, seed = 7): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < frame.length; i++) out.push(frame.subarray(0, i));
  const noise = randomBytes(seed, frame.length * 2);
  for (let i = 0; i < frame.length; i++) {
    const copy = frame.slice();
    copy[i] = noise[i] ?? 0;
    out.push(copy);
  }
  return out;
}
