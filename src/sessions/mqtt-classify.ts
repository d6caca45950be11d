import type { WirePayload } from '../protocol';
import { base64Head } from '../core/bytes';
import type { FrameClass } from './types';

/** By the first packet's type (and a CONNACK's code): enough for the log's marks. */
export function classifyMqtt(payload: WirePayload): FrameClass {
  if (payload.kind === 'text') return 'unknown';
  let head: Uint8Array;
  try {
    head = base64Head(payload.base64, 8);
  } catch {
    return 'unknown';
  }
  const type = (head[0] ?? 0) >> 4;
  switch (type) {
    case 1:
      return 'handshake';
    case 2: {
      // CONNACK: fixed header (2 bytes), acknowledge flags, then the return / reason code.
      const code = head[3] ?? 0;
      return code === 0 ? 'handshake' : 'error';
    }
    case 3:
      return 'message';
    case 12:
    case 13:
      return 'heartbeat';
    case 0:
      return 'unknown';
    default:
      return 'control';
  }
}
