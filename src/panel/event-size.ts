import { payloadByteLength } from '../core/format';
import type { SocketEvent } from '../protocol';

const sizes = new WeakMap<SocketEvent, number>();

/**
 * Bytes of a frame as it went on the wire (0 for lifecycle events). Cached: counting the UTF-8
 * bytes of a text frame walks the whole string, and filters, stats and rows all ask for it.
 */
export function eventSize(e: SocketEvent): number {
  if (e.type !== 'frame') return 0;
  let size = sizes.get(e);
  if (size === undefined) {
    size = payloadByteLength(e.payload);
    sizes.set(e, size);
  }
  return size;
}
