import type { ComponentChildren } from 'preact';
import { formatBytes, formatClock } from '../../core/format';
import type { SocketEvent } from '../../protocol';
import { eventSize } from '../model/event-size';
import { eventLabel, eventSummary } from '../model/event-summary';
import { decodedRowSummary } from '../model/lazy-decoders';
import { markLabel } from '../model/mark-label';
import { socketEpoch, type SocketSummary } from '../model/socket-summary';
import { formatDelta, formatSince } from '../model/time-format';
import { Highlighted } from './highlighted';

/** What a cell may need beyond its event. */
export interface RowContext {
  readonly socket: SocketSummary | undefined;
  readonly pattern: RegExp | null;
  /** The event in the row above (filtered view), for "Δ previous". */
  readonly previous: SocketEvent | undefined;
}

/** One column of the frame table. The data column takes the room that is left. */
export interface Column {
  readonly id: string;
  readonly title: string;
  /** Starting width in px; the user can resize it. */
  readonly width: number;
  readonly align?: 'right';
  readonly cell: (e: SocketEvent, row: RowContext) => ComponentChildren;
}

export const DIRECTION: Column = { id: 'direction', title: 'Direction', width: 92, cell: (e) => eventLabel(e) };

export const TIME: Column = {
  id: 'time',
  title: 'Time',
  width: 100,
  cell: (e) => <time>{formatClock(e.time)}</time>,
};

export const SINCE_OPEN: Column = {
  id: 'since-open',
  title: 'Since open',
  width: 84,
  align: 'right',
  cell: (e, { socket }) => {
    const epoch = socketEpoch(socket);
    return epoch === null ? '' : formatSince(e.time - epoch);
  },
};

export const DELTA: Column = {
  id: 'delta',
  title: 'Δ previous',
  width: 84,
  align: 'right',
  cell: (e, { previous }) => (previous ? formatDelta(e.time - previous.time) : ''),
};

export const SIZE: Column = {
  id: 'size',
  title: 'Size',
  width: 68,
  align: 'right',
  cell: (e) => (e.type === 'frame' ? formatBytes(eventSize(e)) : ''),
};

export const TYPE: Column = {
  id: 'type',
  title: 'Type',
  width: 58,
  cell: (e) => (e.type === 'frame' ? e.payload.kind : ''),
};

/** The row's one line: the decoded summary once the decoders load, else a raw preview. */
export const DATA: Column = {
  id: 'data',
  title: 'Data',
  width: 320,
  cell: (e, { socket, pattern }) => (
    <>
      {e.type === 'frame' && e.mark && <span class="fmark">{`[${markLabel(e.mark)}] `}</span>}
      <Highlighted text={decodedRowSummary(e, socket) ?? eventSummary(e)} pattern={pattern} />
    </>
  ),
};
