import type { SocketEvent } from '../protocol';
import { parseHar, type ImportedSocket, type SocketRecord } from './har-sockets';

/** Socket Scope's own JSON export: every event as recorded (lifecycle included), exact payloads. */
export const EXPORT_FORMAT = 'socket-scope-log';

export function buildJsonExport(sockets: readonly SocketRecord[], exportedAt: number): object {
  return { format: EXPORT_FORMAT, version: 1, exportedAt: new Date(exportedAt).toISOString(), sockets };
}

const isFrameLike = (e: unknown): e is Extract<SocketEvent, { type: 'frame' }> => {
  const f = e as Extract<SocketEvent, { type: 'frame' }> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    f.type === 'frame' &&
    (f.direction === 'in' || f.direction === 'out') &&
    typeof f.time === 'number' &&
    typeof f.payload === 'object' &&
    f.payload !== null &&
    ((f.payload.kind === 'text' && typeof f.payload.text === 'string') ||
      (f.payload.kind === 'binary' &&
        typeof f.payload.base64 === 'string' &&
        /^[A-Za-z0-9+/]*={0,2}$/.test(f.payload.base64)))
  );
};

/** Reads either export (ours or a HAR), from the file's text. */
export function parseLogFile(text: string): { ok: true; sockets: ImportedSocket[] } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not JSON: choose a Socket Scope JSON export or a HAR file' };
  }
  const ours = json as { format?: unknown; sockets?: unknown } | null;
  if (typeof ours !== 'object' || ours === null || ours.format !== EXPORT_FORMAT) return parseHar(json);
  if (!Array.isArray(ours.sockets)) return { ok: false, error: 'Malformed export: no sockets' };
  const sockets: ImportedSocket[] = [];
  for (const s of ours.sockets as { url?: unknown; events?: unknown }[]) {
    if (typeof s?.url !== 'string' || !Array.isArray(s.events))
      return { ok: false, error: 'Malformed export: a socket has no url or events' };
    const frames = s.events
      .filter(isFrameLike)
      .map((f) => ({ direction: f.direction, time: f.time, payload: f.payload }));
    sockets.push({ url: s.url, frames });
  }
  return { ok: true, sockets };
}

/** The messages to replay: what was sent, in order. */
export const sentFrames = (sockets: readonly ImportedSocket[]) =>
  sockets.flatMap((s) => s.frames.filter((f) => f.direction === 'out'));
