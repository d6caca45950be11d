import { describeCloseCode } from '../../core/close-codes';
import { makeVisible, previewPayload } from '../../core/format';
import type { SocketEvent } from '../../protocol';

/** The first column of a log row: direction for frames, what happened for the rest. */
export function eventLabel(e: SocketEvent): string {
  switch (e.type) {
    case 'frame':
      return e.direction === 'out' ? '↑ Sent' : '↓ Received';
    case 'created':
      return '● Connecting';
    case 'open':
      return '● Open';
    case 'error':
      return '⚠ Error';
    case 'close':
      return '■ Closed';
  }
}

/** One line for the data column of the popup log and the panel table (untrusted text made visible). */
export function eventSummary(e: SocketEvent): string {
  switch (e.type) {
    case 'frame':
      return previewPayload(e.payload);
    case 'created':
      return makeVisible(e.url);
    case 'open':
      return `${e.protocol ? `protocol ${makeVisible(e.protocol)}` : 'no subprotocol'}${e.extensions ? `, extensions ${makeVisible(e.extensions)}` : ''}`;
    case 'error':
      return makeVisible(e.message);
    case 'close':
      return `${e.code} ${describeCloseCode(e.code)}${e.reason ? ` — “${makeVisible(e.reason)}”` : ''}${e.wasClean ? '' : ' (not clean)'}`;
  }
}
