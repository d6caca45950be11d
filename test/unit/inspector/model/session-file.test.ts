import { describe, expect, it } from 'vitest';
import { exportHarFile, exportJsonFile, importSessionFile } from '../../../../src/inspector/model/session-file';
import type { SocketEvent } from '../../../../src/protocol';

const T = Date.UTC(2026, 10, 26, 7, 0, 0);
const events: SocketEvent[] = [
  {
    type: 'created',
    socketId: 'a',
    time: T,
    url: 'wss://feed.example/q',
    protocols: ['v1'],
    frameUrl: 'https://app.example/',
  },
  { type: 'open', socketId: 'a', time: T + 12.5, protocol: 'v1', extensions: 'permessage-deflate' },
  {
    type: 'frame',
    socketId: 'a',
    time: T + 20.125,
    direction: 'out',
    payload: { kind: 'text', text: 'hello "x"\n\u2028' },
  },
  {
    type: 'created',
    socketId: 'b',
    time: T + 21,
    url: 'ws://other/',
    protocols: [],
    frameUrl: 'https://app.example/frame',
  },
  { type: 'frame', socketId: 'a', time: T + 30.5, direction: 'in', payload: { kind: 'binary', base64: 'AAECf4D/' } },
  { type: 'error', socketId: 'b', time: T + 40, message: 'refused' },
  { type: 'close', socketId: 'b', time: T + 41, code: 1006, reason: '', wasClean: false },
  { type: 'close', socketId: 'a', time: T + 50, code: 4000, reason: 'bye', wasClean: true },
];

describe('HAR export', () => {
  it("writes one websocket entry per socket with Chrome's _webSocketMessages and our lifecycle", () => {
    const har = JSON.parse(JSON.stringify(exportHarFile(events)));
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(2);
    const [a, b] = har.log.entries;
    expect(a).toMatchObject({
      startedDateTime: '2026-11-26T07:00:00.000Z',
      request: { method: 'GET', url: 'wss://feed.example/q', httpVersion: 'HTTP/1.1' },
      response: { status: 101, statusText: 'Switching Protocols' },
      _resourceType: 'websocket',
      _webSocketMessages: [
        { type: 'send', time: (T + 20.125) / 1000, opcode: 1, data: 'hello "x"\n\u2028' },
        { type: 'receive', time: (T + 30.5) / 1000, opcode: 2, data: 'AAECf4D/' },
      ],
      _socketScope: { socketId: 'a', lifecycle: [events[0], events[1], events[7]] },
    });
    expect(b).toMatchObject({ response: { status: 0 }, _webSocketMessages: [] });
    for (const entry of har.log.entries) {
      for (const key of ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'])
        expect(entry).toHaveProperty(key);
    }
  });
});

describe('session import', () => {
  it('round-trips our HAR: every event back, in order', () => {
    expect(importSessionFile(JSON.stringify(exportHarFile(events)))).toEqual({ events, warnings: [] });
  });

  it('round-trips our JSON export', () => {
    const file = JSON.stringify(exportJsonFile(events, T));
    expect(JSON.parse(file)).toMatchObject({
      format: 'socket-scope-log',
      version: 1,
      exportedAt: '2026-11-26T07:00:00.000Z',
    });
    expect(importSessionFile(file)).toEqual({ events, warnings: [] });
  });

  it("reads Chrome DevTools' HAR: websocket entries only, exact binary, error messages as errors", () => {
    const chrome = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [],
        entries: [
          {
            startedDateTime: '2026-11-26T07:00:00.000Z',
            time: 3,
            request: { method: 'GET', url: 'https://app/' },
            response: { status: 200 },
          },
          {
            startedDateTime: '2026-11-26T07:00:01.000Z',
            time: 10,
            request: { method: 'GET', url: 'wss://chat/' },
            response: { status: 101 },
            _resourceType: 'websocket',
            _webSocketMessages: [
              { type: 'send', time: T / 1000 + 1.5, opcode: 1, data: '{"a":1}' },
              { type: 'receive', time: T / 1000 + 1.75, opcode: 2, data: 'AAH/' },
              { type: 'receive', time: T / 1000 + 1.8, opcode: 8, data: '' },
              { type: 'receive', time: T / 1000 + 1.9, opcode: 2, data: 'not base64!' },
              { type: 'error', time: T / 1000 + 2, opcode: -1, data: 'net::ERR_CONNECTION_RESET' },
            ],
          },
        ],
      },
    };
    const back = importSessionFile(JSON.stringify(chrome));
    expect(back.warnings).toEqual(['2 messages skipped (malformed or not text/binary)']);
    expect(back.events).toEqual([
      { type: 'created', socketId: 'har-2', time: T + 1000, url: 'wss://chat/', protocols: [], frameUrl: '' },
      { type: 'open', socketId: 'har-2', time: T + 1000, protocol: '', extensions: '' },
      {
        type: 'frame',
        socketId: 'har-2',
        time: T + 1500,
        direction: 'out',
        payload: { kind: 'text', text: '{"a":1}' },
      },
      {
        type: 'frame',
        socketId: 'har-2',
        time: T + 1750,
        direction: 'in',
        payload: { kind: 'binary', base64: 'AAH/' },
      },
      { type: 'error', socketId: 'har-2', time: T + 2000, message: 'net::ERR_CONNECTION_RESET' },
    ]);
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(() => importSessionFile('<html>')).toThrow(
      'The file is not JSON: choose a Socket Scope JSON export or a HAR file',
    );
    expect(() => importSessionFile('{"foo":1}')).toThrow('Not a HAR file or a Socket Scope export: no log.entries');
    expect(() => importSessionFile('{"log":{"entries":[{"request":{}}]}}')).toThrow(
      'The HAR file has no WebSocket entries (_webSocketMessages)',
    );
    const bad = {
      format: 'socket-scope-log',
      version: 1,
      sockets: [{ url: 'ws://x/', events: [events[0], { type: 'frame' }] }],
    };
    expect(importSessionFile(JSON.stringify(bad))).toEqual({
      events: [events[0]],
      warnings: ['1 malformed events skipped'],
    });
  });
});
