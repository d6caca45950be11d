import { isRecord, type Rec } from '../../core/guards';
import { isSocketEvent, isWirePayload, type SocketEvent, type WirePayload } from '../../protocol';
import { buildHar, type SocketRecord } from './har';

/**
 * Saved sessions, the one import/export module of both UIs. Export: HAR (har.ts; each entry
 * also gets `_socketScope`, the socket's id and lifecycle events, so our own files bring back
 * open/close/error and close codes; other tools ignore fields starting with `_`) or our JSON
 * (every event as recorded). Import is tolerant and reads ours and Chrome DevTools' HAR: a
 * malformed message is skipped and counted, not a refused file; Chrome writes failed sockets'
 * errors as messages of type 'error' (opcode -1), which become error events.
 */
export interface SessionFile {
  /** Every event, sockets interleaved by time. */
  readonly events: SocketEvent[];
  /** What could not be read, for the user. */
  readonly warnings: string[];
}

/** Socket Scope's own JSON export: every event as recorded (lifecycle included), exact payloads. */
export const EXPORT_FORMAT = 'socket-scope-log';

function socketRecords(events: readonly SocketEvent[]): (SocketRecord & { socketId: string })[] {
  const bySocket = new Map<string, SocketEvent[]>();
  for (const e of events) {
    const list = bySocket.get(e.socketId);
    if (list) list.push(e);
    else bySocket.set(e.socketId, [e]);
  }
  return [...bySocket].map(([socketId, list]) => {
    const created = list.find((e) => e.type === 'created');
    return { socketId, url: created?.type === 'created' ? created.url : '', events: list };
  });
}

export function exportHarFile(events: readonly SocketEvent[]): object {
  const records = socketRecords(events);
  const har = buildHar(records) as { log: { entries: Record<string, unknown>[] } };
  har.log.entries.forEach((entry, i) => {
    const r = records[i]!;
    entry._socketScope = { socketId: r.socketId, lifecycle: r.events.filter((e) => e.type !== 'frame') };
  });
  return har;
}

export const exportJsonFile = (events: readonly SocketEvent[], now = Date.now()): object => ({
  format: EXPORT_FORMAT,
  version: 1,
  exportedAt: new Date(now).toISOString(),
  sockets: socketRecords(events),
});

/** Epoch seconds to ms, rounded to the microsecond a double holds at this scale. */
const secondsToMs = (s: number) => Math.round(s * 1e6) / 1e3;

/** Reads our JSON export, our HAR, or a HAR from Chrome DevTools. Throws a user-facing message. */
export function importSessionFile(text: string): SessionFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON: choose a Socket Scope JSON export or a HAR file');
  }
  if (isRecord(data) && data.format === EXPORT_FORMAT && Array.isArray(data.sockets)) {
    const all = data.sockets.flatMap((s: unknown): unknown[] =>
      isRecord(s) && Array.isArray(s.events) ? (s.events as unknown[]) : [],
    );
    const events = all.filter(isSocketEvent).sort((a, b) => a.time - b.time);
    const skipped = all.length - events.length;
    return { events, warnings: skipped > 0 ? [`${skipped} malformed events skipped`] : [] };
  }
  if (!isRecord(data) || !isRecord(data.log) || !Array.isArray(data.log.entries)) {
    throw new Error('Not a HAR file or a Socket Scope export: no log.entries');
  }
  const events: SocketEvent[] = [];
  let skipped = 0;
  data.log.entries.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || !Array.isArray(entry._webSocketMessages)) return; // not a WebSocket
    const ours = isRecord(entry._socketScope) ? entry._socketScope : null;
    const socketId = typeof ours?.socketId === 'string' ? ours.socketId : `har-${index + 1}`;
    const lifecycle = (Array.isArray(ours?.lifecycle) ? ours.lifecycle : []).filter(
      (e: unknown): e is SocketEvent => isSocketEvent(e) && e.socketId === socketId && e.type !== 'frame',
    );
    if (lifecycle.length > 0) events.push(...lifecycle);
    else events.push(...lifecycleFromHar(entry, socketId));
    for (const m of entry._webSocketMessages) {
      const e = isRecord(m) ? toEvent(m, socketId) : null;
      if (e) events.push(e);
      else skipped++;
    }
  });
  if (events.length === 0) throw new Error('The HAR file has no WebSocket entries (_webSocketMessages)');
  // Stable sort: each socket keeps its order; sockets interleave by time as captured.
  events.sort((a, b) => a.time - b.time);
  return { events, warnings: skipped > 0 ? [`${skipped} messages skipped (malformed or not text/binary)`] : [] };
}

function lifecycleFromHar(entry: Rec, socketId: string): SocketEvent[] {
  const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  const time = Number.isFinite(started) ? started : 0;
  const url = isRecord(entry.request) && typeof entry.request.url === 'string' ? entry.request.url : '';
  const status = isRecord(entry.response) ? entry.response.status : undefined;
  const created: SocketEvent = { type: 'created', socketId, time, url, protocols: [], frameUrl: '' };
  return status === 101 ? [created, { type: 'open', socketId, time, protocol: '', extensions: '' }] : [created];
}

function toEvent(m: Rec, socketId: string): SocketEvent | null {
  if (typeof m.time !== 'number' || typeof m.data !== 'string') return null;
  const time = secondsToMs(m.time);
  if (m.type === 'error') return { type: 'error', socketId, time, message: m.data };
  if (m.type !== 'send' && m.type !== 'receive') return null;
  const payload: WirePayload = m.opcode === 1 ? { kind: 'text', text: m.data } : { kind: 'binary', base64: m.data };
  if ((m.opcode !== 1 && m.opcode !== 2) || !isWirePayload(payload)) return null;
  return { type: 'frame', socketId, time, direction: m.type === 'send' ? 'out' : 'in', payload };
}
