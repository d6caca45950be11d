import { describe, expect, it } from 'vitest';
import { buildHar } from '../../../../src/inspector/model/har';
import { exportJsonFile, importSessionFile } from '../../../../src/inspector/model/session-file';
import type { SocketEvent } from '../../../../src/protocol';

const events: SocketEvent[] = [
  {
    type: 'created',
    socketId: 'c1',
    time: 1_700_000_000_000,
    url: 'ws://127.0.0.1:1/',
    protocols: ['chat'],
    frameUrl: '',
  },
  { type: 'open', socketId: 'c1', time: 1_700_000_000_012, protocol: 'chat', extensions: '' },
  {
    type: 'frame',
    socketId: 'c1',
    time: 1_700_000_000_100.5,
    direction: 'out',
    payload: { kind: 'text', text: 'héllo' },
  },
  {
    type: 'frame',
    socketId: 'c1',
    time: 1_700_000_000_200,
    direction: 'in',
    payload: { kind: 'binary', base64: 'AAEC/w==' },
  },
  { type: 'frame', socketId: 'c1', time: 1_700_000_000_300, direction: 'out', payload: { kind: 'binary', base64: '' } },
  { type: 'close', socketId: 'c1', time: 1_700_000_000_400, code: 1000, reason: '', wasClean: true },
];
const sockets = [{ url: 'ws://127.0.0.1:1/', events }];

describe('HAR (sockets)', () => {
  it("writes Chrome's _webSocketMessages format", () => {
    const har = buildHar(sockets) as { log: { version: string; entries: Record<string, unknown>[] } };
    expect(har.log.version).toBe('1.2');
    const entry = har.log.entries[0]!;
    expect(entry).toMatchObject({
      startedDateTime: '2023-11-14T22:13:20.000Z',
      time: 12,
      _resourceType: 'websocket',
      request: {
        method: 'GET',
        url: 'ws://127.0.0.1:1/',
        headers: [{ name: 'Sec-WebSocket-Protocol', value: 'chat' }],
      },
      response: { status: 101, headers: [{ name: 'Sec-WebSocket-Protocol', value: 'chat' }] },
    });
    expect(entry._webSocketMessages).toEqual([
      { type: 'send', time: 1_700_000_000.1005, opcode: 1, data: 'héllo' },
      { type: 'receive', time: 1_700_000_000.2, opcode: 2, data: 'AAEC/w==' },
      { type: 'send', time: 1_700_000_000.3, opcode: 2, data: '' },
    ]);
  });

  const frames = (text: string) =>
    importSessionFile(text).events.flatMap((e) =>
      e.type === 'frame' ? [{ direction: e.direction, time: e.time, payload: e.payload }] : [],
    );

  it('round-trips frames with exact payloads, through JSON text', () => {
    expect(frames(JSON.stringify(buildHar(sockets)))).toEqual([
      { direction: 'out', time: 1_700_000_000_100.5, payload: { kind: 'text', text: 'héllo' } },
      { direction: 'in', time: 1_700_000_000_200, payload: { kind: 'binary', base64: 'AAEC/w==' } },
      { direction: 'out', time: 1_700_000_000_300, payload: { kind: 'binary', base64: '' } },
    ]);
  });

  it('reads a HAR as Chrome writes it, ignoring other entries', () => {
    const chromeHar = {
      log: {
        entries: [
          { request: { url: 'https://x/app.js' }, response: {} },
          {
            request: { url: 'wss://x/ws' },
            _resourceType: 'websocket',
            _webSocketMessages: [{ type: 'send', time: 1.5, opcode: 1, data: '{"id":1}' }],
          },
        ],
      },
    };
    expect(frames(JSON.stringify(chromeHar))).toEqual([
      { direction: 'out', time: 1500, payload: { kind: 'text', text: '{"id":1}' } },
    ]);
  });

  it.each([
    [{}, 'Not a HAR file or a Socket Scope export: no log.entries'],
    [{ log: { entries: [{ request: {} }] } }, 'The HAR file has no WebSocket entries (_webSocketMessages)'],
  ])('refuses %j with a clear message', (har, error) => {
    expect(() => importSessionFile(JSON.stringify(har))).toThrow(error);
  });

  it.each([
    [{ type: 'send', time: 1, opcode: 9, data: '' }],
    [{ type: 'send', time: 1, opcode: 2, data: '%%' }],
    [{ type: 'up', time: 1, opcode: 1, data: '' }],
  ])('skips and counts a malformed message (%j), keeping the rest', (bad) => {
    const har = {
      log: { entries: [{ _webSocketMessages: [bad, { type: 'receive', time: 2, opcode: 1, data: 'ok' }] }] },
    };
    const file = importSessionFile(JSON.stringify(har));
    expect(file.warnings).toEqual(['1 messages skipped (malformed or not text/binary)']);
    expect(file.events.filter((e) => e.type === 'frame')).toHaveLength(1);
  });
});

describe('JSON export', () => {
  it('round-trips every event, and its sent frames are what a replay sends', () => {
    const text = JSON.stringify(exportJsonFile(events, 0));
    expect(JSON.parse(text)).toMatchObject({
      format: 'socket-scope-log',
      version: 1,
      exportedAt: '1970-01-01T00:00:00.000Z',
    });
    const read = importSessionFile(text).events;
    expect(read).toEqual(events);
    expect(read.flatMap((e) => (e.type === 'frame' && e.direction === 'out' ? [e.payload] : []))).toEqual([
      { kind: 'text', text: 'héllo' },
      { kind: 'binary', base64: '' },
    ]);
  });
  it('says what is wrong with a file that is not JSON', () => {
    expect(() => importSessionFile('nope')).toThrow(
      'The file is not JSON: choose a Socket Scope JSON export or a HAR file',
    );
  });
});
