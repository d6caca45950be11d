import type { SocketEvent, WirePayload } from '../protocol';

/**
 * HAR 1.2 with Chrome's WebSocket extension: one entry per socket with `_resourceType:
 * 'websocket'` and `_webSocketMessages` (type send/receive, time in epoch seconds, opcode 1 text
 * / 2 binary, binary data as base64). Chrome DevTools and HAR tools open these files.
 */
export interface HarWebSocketMessage {
  readonly type: 'send' | 'receive';
  readonly time: number;
  readonly opcode: 1 | 2;
  readonly data: string;
}

export interface SocketRecord {
  readonly url: string;
  readonly events: readonly SocketEvent[];
}

/** A socket read back from a HAR or JSON export: URL and frames with exact payloads. */
export interface ImportedSocket {
  readonly url: string;
  readonly frames: readonly {
    readonly direction: 'in' | 'out';
    readonly time: number;
    readonly payload: WirePayload;
  }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildHar(
  sockets: readonly SocketRecord[],
  creator = { name: 'Socket Scope', version: '0.1.0' },
): object {
  const entries = sockets.map((s) => {
    const created = s.events.find((e) => e.type === 'created');
    const opened = s.events.find((e) => e.type === 'open');
    const start = created?.time ?? s.events[0]?.time ?? 0;
    const protocol = opened?.type === 'open' ? opened.protocol : '';
    const messages: HarWebSocketMessage[] = [];
    for (const e of s.events) {
      if (e.type !== 'frame') continue;
      const binary = e.payload.kind === 'binary';
      messages.push({
        type: e.direction === 'out' ? 'send' : 'receive',
        time: e.time / 1000,
        opcode: binary ? 2 : 1,
        data: e.payload.kind === 'binary' ? e.payload.base64 : e.payload.text,
      });
    }
    return {
      startedDateTime: iso(start),
      time: opened ? Math.max(0, opened.time - start) : 0,
      request: {
        method: 'GET',
        url: s.url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        queryString: [],
        headersSize: -1,
        bodySize: 0,
        headers:
          created?.type === 'created' && created.protocols.length > 0
            ? [{ name: 'Sec-WebSocket-Protocol', value: created.protocols.join(', ') }]
            : [],
      },
      response: {
        status: opened ? 101 : 0,
        statusText: opened ? 'Switching Protocols' : '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: protocol ? [{ name: 'Sec-WebSocket-Protocol', value: protocol }] : [],
        content: { size: 0, mimeType: 'x-unknown' },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: {
        blocked: -1,
        dns: -1,
        ssl: -1,
        connect: -1,
        send: 0,
        wait: opened ? Math.max(0, opened.time - start) : 0,
        receive: 0,
      },
      _resourceType: 'websocket',
      _webSocketMessages: messages,
    };
  });
  return { log: { version: '1.2', creator, pages: [], entries } };
}

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Reads the WebSocket entries of a HAR file; other entries are ignored. */
export function parseHar(json: unknown): { ok: true; sockets: ImportedSocket[] } | { ok: false; error: string } {
  if (!isRecord(json) || !isRecord(json.log) || !Array.isArray(json.log.entries)) {
    return { ok: false, error: 'Not a HAR file: no log.entries' };
  }
  const sockets: ImportedSocket[] = [];
  for (const [i, entry] of json.log.entries.entries()) {
    if (!isRecord(entry) || !Array.isArray(entry._webSocketMessages)) continue;
    const url = isRecord(entry.request) && typeof entry.request.url === 'string' ? entry.request.url : '';
    const frames: ImportedSocket['frames'][number][] = [];
    for (const [j, m] of entry._webSocketMessages.entries()) {
      const where = `entry ${i + 1}, message ${j + 1}`;
      if (
        !isRecord(m) ||
        (m.type !== 'send' && m.type !== 'receive') ||
        typeof m.data !== 'string' ||
        typeof m.time !== 'number'
      ) {
        return { ok: false, error: `Malformed WebSocket message (${where})` };
      }
      if (m.opcode !== 1 && m.opcode !== 2)
        return { ok: false, error: `Unsupported opcode ${String(m.opcode)} (${where})` };
      if (m.opcode === 2 && !BASE64.test(m.data))
        return { ok: false, error: `Binary message is not base64 (${where})` };
      const payload: WirePayload = m.opcode === 1 ? { kind: 'text', text: m.data } : { kind: 'binary', base64: m.data };
      frames.push({ direction: m.type === 'send' ? 'out' : 'in', time: m.time * 1000, payload });
    }
    sockets.push({ url, frames });
  }
  if (sockets.length === 0) return { ok: false, error: 'The HAR file has no WebSocket entries (_webSocketMessages)' };
  return { ok: true, sockets };
}
