import { describe, expect, it } from 'vitest';
import { applyToSockets, type SocketSummary } from '../../../../src/inspector/model/socket-summary';
import type { SocketEvent } from '../../../../src/protocol';
import { closed, created as createdAt, errored, opened, text } from '../../fixtures/events';

const created = (id: string, t: number) => ({ ...createdAt(id, t, `ws://x/${id}`, ['p']) });
const open = (id: string, t: number) => opened(id, t, 'p', 'permessage-deflate');
const frame = (id: string, t: number, direction: 'in' | 'out'): SocketEvent => text(id, t, direction, 'x');
const error = (id: string, t: number) => errored(id, t);
const close = (id: string, t: number) => closed(id, t, 4001, 'bye');

describe('applyToSockets', () => {
  it('follows state transitions and counts frames per direction', () => {
    const sockets = new Map<string, SocketSummary>();
    const states: string[] = [];
    for (const e of [
      created('a', 1),
      open('a', 2),
      frame('a', 3, 'out'),
      frame('a', 4, 'in'),
      frame('a', 5, 'in'),
      error('a', 6),
      close('a', 7),
    ]) {
      applyToSockets(sockets, e);
      states.push(sockets.get('a')!.state);
    }
    expect(states).toEqual(['connecting', 'open', 'open', 'open', 'open', 'open', 'closed']);
    expect(sockets.get('a')).toEqual({
      socketId: 'a',
      url: 'ws://x/a',
      frameUrl: 'https://page/',
      state: 'closed',
      protocol: 'p',
      extensions: 'permessage-deflate',
      createdAt: 1,
      openedAt: 2,
      closedAt: 7,
      closeCode: 4001,
      closeReason: 'bye',
      framesIn: 2,
      framesOut: 1,
      bytesIn: 2,
      bytesOut: 1,
      errors: 1,
    });
  });

  it('creates an open summary for a socket first seen on a frame', () => {
    const sockets = new Map<string, SocketSummary>();
    applyToSockets(sockets, frame('b', 10, 'out'));
    expect(sockets.get('b')).toMatchObject({ state: 'open', url: '', createdAt: 10, framesIn: 0, framesOut: 1 });
  });
});
