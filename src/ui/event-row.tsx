import { describeCloseCode } from '../core/close-codes';
import { formatBytes, formatClock, makeVisible, payloadByteLength, previewPayload } from '../core/format';
import type { SocketEvent } from '../protocol';
import { decodedRowSummary } from './lazy-decoders';

/** One log line for any socket event. All untrusted text goes through JSX text nodes only. */
export function EventRow({ event, socket }: { event: SocketEvent; socket?: { url: string; protocol: string } | undefined }) {
  const time = <time class="ev-time">{formatClock(event.time)}</time>;
  switch (event.type) {
    case 'frame':
      return (
        <div class={`ev ev-frame ev-${event.direction}`}>
          <span class="ev-dir" title={event.direction === 'out' ? 'Sent' : 'Received'}>
            {event.direction === 'out' ? '↑ Sent' : '↓ Received'}
          </span>{' '}
          {time}{' '}
          <span class="ev-size">{formatBytes(payloadByteLength(event.payload))}</span>{' '}
          <span class="ev-kind">{event.payload.kind}</span>{' '}
          <span class="ev-preview">{decodedRowSummary(event, socket) ?? previewPayload(event.payload)}</span>
        </div>
      );
    case 'created':
      return (
        <div class="ev ev-meta">
          <span class="ev-dir">● Connecting</span>{' '}
          {time}{' '}
          <span class="ev-preview">{makeVisible(event.url)}</span>
        </div>
      );
    case 'open':
      return (
        <div class="ev ev-meta">
          <span class="ev-dir">● Open</span>{' '}
          {time}{' '}
          <span class="ev-preview">
            {event.protocol ? `protocol ${makeVisible(event.protocol)}` : 'no subprotocol'}
            {event.extensions ? `, extensions ${makeVisible(event.extensions)}` : ''}
          </span>
        </div>
      );
    case 'error':
      return (
        <div class="ev ev-error">
          <span class="ev-dir">⚠ Error</span>{' '}
          {time}{' '}
          <span class="ev-preview">{event.message}</span>
        </div>
      );
    case 'close':
      return (
        <div class="ev ev-meta">
          <span class="ev-dir">■ Closed</span>{' '}
          {time}{' '}
          <span class="ev-preview">
            {`${event.code} ${describeCloseCode(event.code)}${event.reason ? ` — “${makeVisible(event.reason)}”` : ''}${
              event.wasClean ? '' : ' (not clean)'
            }`}
          </span>
        </div>
      );
  }
}
