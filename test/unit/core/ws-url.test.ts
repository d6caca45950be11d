import { describe, expect, it } from 'vitest';
import { checkWebSocketUrl, parseSubprotocols } from '../../../src/core/ws-url';

describe('checkWebSocketUrl', () => {
  it.each([
    ['ws://127.0.0.1:8080/', 'ws://127.0.0.1:8080/'],
    ['wss://example.com', 'wss://example.com/'],
    ['  ws://example.com/chat?room=1  ', 'ws://example.com/chat?room=1'],
    ['WSS://Example.COM:443/a', 'wss://example.com/a'],
    ['ws://[::1]:9000/x', 'ws://[::1]:9000/x'],
    ['ws://user:pw@host/', 'ws://user:pw@host/'],
  ])('accepts %j as %j without a note', (input, url) => {
    expect(checkWebSocketUrl(input)).toEqual({ ok: true, url });
  });

  it('maps http to ws and https to wss, with a note', () => {
    expect(checkWebSocketUrl('http://localhost:3000/socket')).toEqual({
      ok: true,
      url: 'ws://localhost:3000/socket',
      note: 'Using ws:// for http:// (WebSockets speak ws:// and wss://)',
    });
    expect(checkWebSocketUrl('HTTPS://example.com/feed?x=1')).toEqual({
      ok: true,
      url: 'wss://example.com/feed?x=1',
      note: 'Using wss:// for https:// (WebSockets speak ws:// and wss://)',
    });
  });

  it.each([
    ['', 'Enter a WebSocket URL, e.g. ws://127.0.0.1:8080/'],
    ['   ', 'Enter a WebSocket URL, e.g. ws://127.0.0.1:8080/'],
    ['http//x', '"http//x" is not an absolute URL: start it with ws:// or wss://'],
    ['/path', '"/path" is not an absolute URL: start it with ws:// or wss://'],
    ['example.com/socket', '"example.com/socket" is not an absolute URL: start it with ws:// or wss://'],
    ['ftp://x', 'Unsupported scheme "ftp:": use ws:// or wss://'],
    ['javascript:alert(1)', 'Unsupported scheme "javascript:": use ws:// or wss://'],
    ['ws://x/#frag', 'A WebSocket URL cannot have a #fragment'],
    ['ws://x/#', 'A WebSocket URL cannot have a #fragment'],
    ['https://x/page#top', 'A WebSocket URL cannot have a #fragment'],
    ['ws://', 'The URL has no host: write it as ws://host:port/path'],
    ['wss://:8080/', 'The URL has no host: write it as ws://host:port/path'],
    ['http://?q', 'The URL has no host: write it as ws://host:port/path'],
    ['ws://exa mple.com/', '"ws://exa mple.com/" is not a valid URL'],
  ])('rejects %j', (input, error) => {
    expect(checkWebSocketUrl(input)).toEqual({ ok: false, error });
  });
});

describe('parseSubprotocols', () => {
  it.each([
    ['', []],
    ['  ', []],
    ['graphql-ws', ['graphql-ws']],
    ['mqtt, v12.stomp ,wamp.2.json', ['mqtt', 'v12.stomp', 'wamp.2.json']],
    ["!#$%&'*+-.^_`|~09AZaz", ["!#$%&'*+-.^_`|~09AZaz"]],
    // Empty items are ignored rather than rejected: a trailing comma is a typing habit.
    ['a,,b,', ['a', 'b']],
    ['Chat, chat', ['Chat', 'chat']],
  ])('accepts %j', (input, protocols) => {
    expect(parseSubprotocols(input)).toEqual({ ok: true, protocols });
  });

  it.each([
    ['a b', '"a b" is not a valid subprotocol token'],
    ['é', '"é" is not a valid subprotocol token'],
    ['ok, bad/slash', '"bad/slash" is not a valid subprotocol token'],
    ['x"y', '"x"y" is not a valid subprotocol token'],
    ['a;b', '"a;b" is not a valid subprotocol token'],
    ['chat, chat', 'Subprotocol "chat" is listed twice'],
    ['a, b ,a', 'Subprotocol "a" is listed twice'],
  ])('rejects %j', (input, error) => {
    expect(parseSubprotocols(input)).toEqual({ ok: false, error });
  });
});
