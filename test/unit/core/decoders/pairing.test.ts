import { describe, expect, it } from 'vitest';
import {
  createPairingTracker,
  decodeGraphQL,
  decodeJsonRpc,
  decodeWith,
  describePairing,
  type DecodeResult,
} from '../../../../src/core/decoders';
import { contextOf, loadFixture, text } from './fixtures';

describe('createPairingTracker', () => {
  it('pairs graphql-ws next/complete with subscribe and shows the operation name', () => {
    const tracker = createPairingTracker();
    const fixture = loadFixture('graphql-transport-ws');
    const notes = fixture.frames.map((f, i) =>
      tracker.observe({
        socketId: 's1',
        direction: f.direction,
        time: 1000 + i * 10,
        result: decodeGraphQL(f.payload, contextOf(f)),
      }),
    );
    const byName = (name: string) => notes[fixture.frames.findIndex((f) => f.name === name)];
    expect(byName('graphql-transport-ws out subscribe #1')).toEqual([
      expect.objectContaining({ status: 'started', operation: 'OnPrice' }),
    ]);
    expect(byName('graphql-transport-ws in next #1')).toEqual([
      expect.objectContaining({ status: 'update', operation: 'OnPrice', latencyMs: 10 }),
    ]);
    expect(byName('graphql-transport-ws in complete #1')).toEqual([
      expect.objectContaining({ status: 'done', operation: 'OnPrice', latencyMs: 30 }),
    ]);
    expect(byName('graphql-transport-ws out complete #2')).toEqual([
      expect.objectContaining({ status: 'cancelled', operation: 'Ticker' }),
    ]);
    // A `next` the server sends after the client cancelled: no open request any more.
    const late = decodeGraphQL(text('{"id":"00000000-0000-4000-8000-000000000002","type":"next","payload":{}}'), {
      direction: 'in',
    });
    expect(tracker.observe({ socketId: 's1', direction: 'in', time: 9999, result: late })).toEqual([
      expect.objectContaining({ status: 'unmatched' }),
    ]);
    expect(byName('graphql-transport-ws in error #5')).toEqual([
      expect.objectContaining({ status: 'done', operation: 'Invalid' }),
    ]);
    expect(tracker.pending).toBe(0);
  });

  it('pairs legacy graphql-ws start/data/stop', () => {
    const tracker = createPairingTracker();
    const fixture = loadFixture('graphql-ws-legacy');
    const statuses = fixture.frames.flatMap((f, i) =>
      tracker
        .observe({ socketId: 's', direction: f.direction, time: i, result: decodeGraphQL(f.payload, contextOf(f)) })
        .map((n) => `${n.status}:${n.operation ?? ''}`),
    );
    expect(statuses).toContain('started:Greeting');
    expect(statuses).toContain('done:Greeting');
    expect(statuses).toContain('cancelled:OnPrice');
  });

  it('pairs JSON-RPC responses with requests, batches included, and computes latency', () => {
    const tracker = createPairingTracker();
    const fixture = loadFixture('json-rpc');
    const notes = fixture.frames.flatMap((f, i) =>
      tracker.observe({
        socketId: 's',
        direction: f.direction,
        time: i * 100,
        result: decodeJsonRpc(f.payload, contextOf(f)),
      }),
    );
    const done = notes.filter((n) => n.status === 'done');
    expect(done.map((n) => n.operation)).toEqual(['subtract', 'echo', 'missing', 'subtract', 'nope']);
    expect(done.every((n) => n.latencyMs === 100)).toBe(true);
    expect(describePairing(done[0] as (typeof done)[0])).toBe('subtract +100 ms');
  });

  it('keeps the two directions apart: both peers may use id 1', () => {
    const tracker = createPairingTracker();
    const request = (id: number, method: string): DecodeResult =>
      decodeJsonRpc(text(JSON.stringify({ jsonrpc: '2.0', id, method })), {});
    const response = (id: number): DecodeResult =>
      decodeJsonRpc(text(JSON.stringify({ jsonrpc: '2.0', id, result: 0 })), {});
    tracker.observe({ socketId: 's', direction: 'out', time: 0, result: request(1, 'fromClient') });
    tracker.observe({ socketId: 's', direction: 'in', time: 5, result: request(1, 'fromServer') });
    expect(tracker.observe({ socketId: 's', direction: 'in', time: 7, result: response(1) })[0]).toMatchObject({
      operation: 'fromClient',
      latencyMs: 7,
    });
    expect(tracker.observe({ socketId: 's', direction: 'out', time: 9, result: response(1) })[0]).toMatchObject({
      operation: 'fromServer',
      latencyMs: 4,
    });
  });

  it('is bounded: the oldest open requests are evicted and counted', () => {
    const tracker = createPairingTracker({ maxPending: 3 });
    for (let id = 0; id < 10; id++)
      tracker.observe({
        socketId: 's',
        direction: 'out',
        time: id,
        result: decodeJsonRpc(text(`{"jsonrpc":"2.0","id":${id},"method":"m"}`), {}),
      });
    expect(tracker.pending).toBe(3);
    expect(tracker.evicted).toBe(7);
    const old = tracker.observe({
      socketId: 's',
      direction: 'in',
      time: 20,
      result: decodeJsonRpc(text('{"jsonrpc":"2.0","id":0,"result":1}'), {}),
    });
    expect(old[0]?.status).toBe('unmatched');
    expect(describePairing(old[0] as NonNullable<(typeof old)[0]>)).toBe('(no request seen)');
    tracker.forgetSocket('s');
    expect(tracker.pending).toBe(0);
  });

  it('pairs SignalR invocations, Phoenix pushes and Socket.IO acks too', () => {
    const tracker = createPairingTracker();
    const see = (decoder: Parameters<typeof decodeWith>[0], direction: 'in' | 'out', time: number, frame: string) =>
      tracker.observe({ socketId: 's', direction, time, result: decodeWith(decoder, text(frame), { direction }) })[0];
    see('signalr', 'out', 0, '{"type":1,"invocationId":"0","target":"Add","arguments":[1,2]}\x1e');
    expect(see('signalr', 'in', 3, '{"type":3,"invocationId":"0","result":3}\x1e')).toMatchObject({
      operation: 'Add',
      latencyMs: 3,
      status: 'done',
    });
    see('phoenix', 'out', 10, '["3","4","room:lobby","new_msg",{}]');
    expect(see('phoenix', 'in', 15, '["3","4","room:lobby","phx_reply",{"status":"ok","response":{}}]')).toMatchObject({
      operation: 'new_msg',
      latencyMs: 5,
    });
    see('socket.io', 'out', 20, '4212["hello"]');
    expect(see('socket.io', 'in', 32, '4312["ok"]')).toMatchObject({ operation: 'hello', latencyMs: 12 });
  });
});
