import type { SocketEvent } from '../protocol';

/**
 * Pairs a received frame with the request it answers: first by JSON `id` (JSON-RPC and most
 * request/response protocols), else by an identical payload (an echo). Returns the round-trip
 * time in ms for an incoming frame that pairs, else null. Pending requests are bounded.
 */
export function createRttMatcher(maxPending = 1_000) {
  const pending = new Map<string, number>(); // key -> time of the request
  const MAX_KEY_CHARS = 4_096;

  const jsonId = (text: string): string | null => {
    if (text.length > 65_536 || text.charCodeAt(0) !== 0x7b /* { */) return null;
    try {
      const value: unknown = JSON.parse(text);
      const id = (value as { id?: unknown } | null)?.id;
      return typeof id === 'string' || typeof id === 'number' ? `id:${JSON.stringify(id)}` : null;
    } catch {
      return null; // not JSON: pairing falls back to identical payloads
    }
  };
  const keysOf = (e: Extract<SocketEvent, { type: 'frame' }>): string[] => {
    const p = e.payload;
    const body = p.kind === 'text' ? p.text : p.base64;
    const keys: string[] = [];
    const id = p.kind === 'text' ? jsonId(p.text) : null;
    if (id) keys.push(id);
    if (body.length <= MAX_KEY_CHARS) keys.push(`${p.kind}:${body}`);
    return keys;
  };

  return {
    observe(e: SocketEvent): number | null {
      if (e.type !== 'frame') return null;
      const keys = keysOf(e);
      if (e.direction === 'out') {
        for (const key of keys) {
          pending.delete(key); // re-insert: newest last, so the oldest is evicted first
          pending.set(key, e.time);
        }
        while (pending.size > maxPending) pending.delete(pending.keys().next().value!);
        return null;
      }
      for (const key of keys) {
        const sentAt = pending.get(key);
        if (sentAt === undefined) continue;
        for (const k of keys) pending.delete(k);
        pending.delete(key);
        return Math.max(0, e.time - sentAt);
      }
      return null;
    },
    reset() {
      pending.clear();
    },
  };
}
export type RttMatcher = ReturnType<typeof createRttMatcher>;
