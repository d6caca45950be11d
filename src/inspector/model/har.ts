import type { SocketEvent } from '../../protocol';

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
