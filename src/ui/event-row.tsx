import { formatBytes, formatClock, payloadByteLength } from '../core/format';
import type { SocketEvent } from '../protocol';
import { eventLabel, eventSummary } from './event-summary';
import { decodedRowSummary } from './lazy-decoders';

/** One popup log line for any socket event. All untrusted text goes through JSX text nodes only. */
export function EventRow({
  event,
  socket,
}: {
  event: SocketEvent;
  socket?: { url: string; protocol: string } | undefined;
}) {
  const frame = event.type === 'frame' ? event : null;
  const kind = frame ? `ev-frame ev-${frame.direction}` : event.type === 'error' ? 'ev-error' : 'ev-meta';
  // The ' ' text nodes keep the row readable as one line (screen readers, copy, tests).
  return (
    <div class={`ev ${kind}`}>
      <span class="ev-dir">{eventLabel(event)}</span> <time class="ev-time">{formatClock(event.time)}</time>{' '}
      {frame && (
        <>
          <span class="ev-size">{formatBytes(payloadByteLength(frame.payload))}</span>{' '}
          <span class="ev-kind">{frame.payload.kind}</span>{' '}
        </>
      )}
      <span class="ev-preview">{decodedRowSummary(event, socket) ?? eventSummary(event)}</span>
    </div>
  );
}
