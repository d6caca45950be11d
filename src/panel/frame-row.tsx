import { formatBytes, formatClock } from '../core/format';
import type { SocketEvent } from '../protocol';
import { eventLabel, eventSummary } from '../ui/event-summary';
import { decodedRowSummary } from '../ui/lazy-decoders';
import { markLabel } from '../ui/mark-label';
import { eventSize } from './event-size';
import { Highlighted } from './highlighted';
import { formatSince } from './time-format';
import { socketEpoch, type SocketSummary } from './socket-summary';

/**
 * The cells of one row. TRICKY: the ' ' text nodes between cells do not show (flex layout drops
 * them) but keep the row's text readable as one line for screen readers, copy and tests.
 */
export function FrameRowCells({
  event: e,
  socket,
  pattern,
}: {
  event: SocketEvent;
  socket: SocketSummary | undefined;
  pattern: RegExp | null;
}) {
  const epoch = socketEpoch(socket);
  const isFrame = e.type === 'frame';
  return (
    <>
      <span role="gridcell" class="fcell fcell-direction">
        {eventLabel(e)}
      </span>{' '}
      <span role="gridcell" class="fcell fcell-time">
        <time>{formatClock(e.time)}</time>
      </span>{' '}
      <span role="gridcell" class="fcell fcell-since-open">
        {epoch === null ? '' : formatSince(e.time - epoch)}
      </span>{' '}
      <span role="gridcell" class="fcell fcell-size">
        {isFrame ? formatBytes(eventSize(e)) : ''}
      </span>{' '}
      <span role="gridcell" class="fcell fcell-type">
        {isFrame ? e.payload.kind : ''}
      </span>{' '}
      <span role="gridcell" class="fcell fcell-data">
        {isFrame && e.mark && <span class="fmark">{`[${markLabel(e.mark)}] `}</span>}
        <Highlighted text={decodedRowSummary(e, socket) ?? eventSummary(e)} pattern={pattern} />
      </span>
    </>
  );
}
