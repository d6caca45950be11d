import { describe, expect, it } from 'vitest';
import { buildHar, parseHar } from '../../src/core/har-sockets';
import { buildJsonExport, parseLogFile, sentFrames } from '../../src/core/log-export';
import type { SocketEvent } from '../../src/protocol';

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

describe('popup HAR (sockets)', () => {
  it("writes Chrome's _webSocketMessages format", () => {
    const har = buildHar(sockets) as any;
    expect(har.log.version).toBe('1.2');
    const entry = har.log.entries[0];
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

  it('round-trips frames with exact payloads, through JSON text', () => {
    expect(parseLogFile(JSON.stringify(buildHar(sockets)))).toEqual({
      ok: true,
      sockets: [
        {
          url: 'ws://127.0.0.1:1/',
          frames: [
            { direction: 'out', time: 1_700_000_000_100.5, payload: { kind: 'text', text: 'héllo' } },
            { direction: 'in', time: 1_700_000_000_200, payload: { kind: 'binary', base64: 'AAEC/w==' } },
            { direction: 'out', time: 1_700_000_000_300, payload: { kind: 'binary', base64: '' } },
          ],
        },
      ],
    });
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
    expect(parseHar(chromeHar)).toEqual({
      ok: true,
      sockets: [
        { url: 'wss://x/ws', frames: [{ direction: 'out', time: 1500, payload: { kind: 'text', text: '{"id":1}' } }] },
      ],
    });
  });

  it.each([
    [{}, 'Not a HAR file: no log.entries'],
    [{ log: { entries: [{ request: {} }] } }, 'The HAR file has no WebSocket entries (_webSocketMessages)'],
    [
      { log: { entries: [{ _webSocketMessages: [{ type: 'send', time: 1, opcode: 9, data: '' }] }] } },
      'Unsupported opcode 9 (entry 1, message 1)',
    ],
    [
      { log: { entries: [{ _webSocketMessages: [{ type: 'send', time: 1, opcode: 2, data: '%%' }] }] } },
      'Binary message is not base64 (entry 1, message 1)',
    ],
    [
      { log: { entries: [{ _webSocketMessages: [{ type: 'up', time: 1, opcode: 1, data: '' }] }] } },
      'Malformed WebSocket message (entry 1, message 1)',
    ],
  ])('rejects %j with a clear message', (har, error) => {
    expect(parseHar(har)).toEqual({ ok: false, error });
  });
});

describe('popup JSON export', () => {
  it('round-trips and lists the sent frames for replay', () => {
    const text = JSON.stringify(buildJsonExport(sockets, 0));
    expect(JSON.parse(text)).toMatchObject({
      format: 'socket-scope-log',
      version: 1,
      exportedAt: '1970-01-01T00:00:00.000Z',
    });
    const parsed = parseLogFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(sentFrames(parsed.sockets).map((f) => f.payload)).toEqual([
      { kind: 'text', text: 'héllo' },
      { kind: 'binary', base64: '' },
    ]);
  });
  it('says what is wrong with a file that is not JSON', () => {
    expect(parseLogFile('nope')).toEqual({
      ok: false,
      error: 'The file is not JSON: choose a Socket Scope JSON export or a HAR file',
    });
  });
});
