import { describe, expect, it } from 'vitest';
import { headerRule, hostPermissionFor, parseHeaderLines } from '../../../src/core/handshake-headers';

describe('handshake headers', () => {
  it('parses "Name: value" lines', () => {
    expect(parseHeaderLines('Authorization: Bearer a:b\n\n  X-Trace :  42 \n')).toEqual({
      ok: true,
      headers: [
        { name: 'Authorization', value: 'Bearer a:b' },
        { name: 'X-Trace', value: '42' },
      ],
    });
    expect(parseHeaderLines('')).toEqual({ ok: true, headers: [] });
  });
  it.each([
    ['no colon', 'Header line 1: write it as "Name: value"'],
    ['X\nBad Name: v', 'Header line 1: write it as "Name: value"'],
    ['A: 1\nSec-WebSocket-Key: x', 'Header line 2: Sec-WebSocket-Key is set by the browser for the handshake'],
    [
      'sec-websocket-protocol: chat',
      'Header line 1: sec-websocket-protocol is set by the browser for the handshake (use the Subprotocols field)',
    ],
    ['A: \u0001', 'Header line 1: the value has control characters'],
  ])('rejects %j', (input, error) => {
    expect(parseHeaderLines(input)).toEqual({ ok: false, error });
  });
  it('asks for this origin only', () => {
    expect(hostPermissionFor('ws://127.0.0.1:8080/x')).toBe('http://127.0.0.1/*');
    expect(hostPermissionFor('wss://api.example.com/feed')).toBe('https://api.example.com/*');
  });
  it('builds a session rule scoped to the connection URL', () => {
    expect(headerRule(7, 'ws://127.0.0.1:8080/headers?x=1', [{ name: 'Authorization', value: 'Bearer t' }])).toEqual({
      id: 7,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'Authorization', operation: 'set', value: 'Bearer t' }],
      },
      condition: {
        urlFilter: '||127.0.0.1:8080/headers?x=1',
        requestDomains: ['127.0.0.1'],
        resourceTypes: ['websocket'],
      },
    });
  });
});
