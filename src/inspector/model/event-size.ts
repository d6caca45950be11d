import { payloadByteLength } from '../../core/format';
import type { SocketEvent } from '../../protocol';

const sizes = new WeakMap<SocketEvent, number>();
/** Below this many UTF-16 units counting is cheaper than a WeakMap entry per frame (GC cost). */
const CACHE_FROM_CHARS = 4096;

/**
 * Bytes of a frame as it went on the wire (0 for lifecycle events). Long text frames are
 * cached: counting their UTF-8 bytes walks the whole string, and filters, stats and rows ask.
 */
export function eventSize(e: SocketEvent): number {
  if (e.type !== 'frame') return 0;
  if (e.payload.kind === 'binary' || e.payload.text.length < CACHE_FROM_CHARS) return payloadByteLength(e.payload);
  let size = sizes.get(e);
  if (size === undefined) {
    size = payloadByteLength(e.payload);
    sizes.set(e, size);
  }
  return size;
}
