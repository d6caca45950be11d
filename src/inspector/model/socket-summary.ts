import type { SocketEvent, SocketState } from '../../protocol';
import { eventSize } from './event-size';

export interface SocketSummary {
  readonly socketId: string;
  url: string;
  frameUrl: string;
  state: SocketState;
  protocol: string;
  extensions: string;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  closeCode: number | null;
  closeReason: string;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  errors: number;
}

/** Folds one event into the socket summaries (pure; exported for unit tests). */
export function applyToSockets(sockets: Map<string, SocketSummary>, e: SocketEvent): void {
  let s = sockets.get(e.socketId);
  if (!s) {
    s = {
      socketId: e.socketId,
      url: '',
      frameUrl: '',
      state: 'open', // a socket first seen on a send existed before the hook ran
      protocol: '',
      extensions: '',
      createdAt: e.time,
      openedAt: null,
      closedAt: null,
      closeCode: null,
      closeReason: '',
      framesIn: 0,
      framesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      errors: 0,
    };
    sockets.set(e.socketId, s);
  }
  switch (e.type) {
    case 'created':
      Object.assign(s, { url: e.url, frameUrl: e.frameUrl, state: 'connecting', createdAt: e.time });
      break;
    case 'open':
      Object.assign(s, { state: 'open', protocol: e.protocol, extensions: e.extensions, openedAt: e.time });
      break;
    case 'frame':
      if (e.direction === 'in') {
        s.framesIn++;
        s.bytesIn += eventSize(e);
      } else {
        s.framesOut++;
        s.bytesOut += eventSize(e);
      }
      break;
    case 'close':
      Object.assign(s, { state: 'closed', closeCode: e.code, closeReason: e.reason, closedAt: e.time });
      break;
    case 'error':
      s.errors++;
      break;
  }
}

/** Time a frame's relative clock counts from: the socket's open, else its creation. */
export const socketEpoch = (s: SocketSummary | undefined): number | null => (s ? (s.openedAt ?? s.createdAt) : null);
