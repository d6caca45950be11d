import { describe, expect, it } from 'vitest';
import { chooseDecoder, decodeSocketIo } from '../../../../src/core/decoders';
import { contextOf, frame, loadFixture, text } from './fixtures';

const fixture = loadFixture('socket-io');

describe('Socket.IO / Engine.IO decoder on frames from engine.io-parser and socket.io-parser', () => {
  it.each(fixture.frames.map((f) => [f.name, f] as const))(
    '%s: chosen from the URL and decoded without error',
    (_name, f) => {
      expect(chooseDecoder(contextOf(f), f.payload).id).toBe('socket.io');
      const result = decodeSocketIo(f.payload, contextOf(f));
      expect(result.error).toBeUndefined();
      expect(result.decoder).toBe('socket.io');
    },
  );

  it('reads back what socket.io-parser was asked to encode: type, namespace, event, ack id', () => {
    for (const f of fixture.frames.filter((x) => x.input && 'socketIoVersion' in x.input)) {
      const input = f.input as { type: number; nsp: string; id?: number; data?: unknown[] };
      const result = decodeSocketIo(f.payload, contextOf(f));
      const field = (name: string) => result.fields.find((x) => x.name === name)?.value;
      expect(field('namespace'), f.name).toBe(input.nsp);
      expect(field('ack id'), f.name).toBe(input.id === undefined ? undefined : String(input.id));
      if (input.type === 2 || input.type === 5) expect(field('event'), f.name).toBe(input.data?.[0]);
    }
  });

  it.each([
    ['sio4 event', 'EVENT chat:message ["hi"]'],
    ['sio4 event with ack', 'EVENT hello [{"a":1},[2,3]] (ack 12)'],
    ['sio4 event in namespace', 'EVENT /admin kick ["bob"]'],
    ['sio4 ack', 'ACK 12 ["ok",42]'],
    ['sio4 connect admin with auth', 'CONNECT /admin {"token":"abc"}'],
    ['sio4 connect error', 'CONNECT_ERROR Not authorized'],
    ['sio3 error (v2)', 'ERROR Invalid namespace'],
    ['sio4 binary event', 'BINARY_EVENT upload [{"name":"a.bin","file":"<attachment 0>"}] +1 attachment'],
    [
      'sio4 binary event two attachments',
      'BINARY_EVENT /admin files ["<attachment 0>","<attachment 1>"] (ack 3) +2 attachments',
    ],
    ['sio4 binary event attachment 1', 'binary attachment (6 B)'],
    ['sio3 binary event attachment 1', 'binary attachment (6 B)'],
    [
      'eio4 open {"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
      'open sid=lv_VI97HAXpY6yYWAAAC pingInterval=25000 pingTimeout=20000',
    ],
    ['eio3 ping probe', 'ping probe'],
    ['eio4 noop', 'noop'],
  ])('%s → %s', (name, summary) => {
    const f = frame(fixture, name);
    expect(decodeSocketIo(f.payload, contextOf(f)).summary).toBe(summary);
  });

  it('strips the Engine.IO v3 type byte from binary attachments', () => {
    const f = frame(fixture, 'sio3 binary event attachment 1');
    const body = decodeSocketIo(f.payload, contextOf(f)).body as Uint8Array;
    expect(Array.from(body)).toEqual([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
  });

  it('links an event with an ack id to its ACK', () => {
    const request = decodeSocketIo(frame(fixture, 'sio4 event with ack').payload, {});
    const reply = decodeSocketIo(frame(fixture, 'sio4 ack').payload, {});
    expect(request.correlation).toMatchObject({ scope: 'socket.io', id: '/#12', role: 'request', operation: 'hello' });
    expect(reply.correlation).toMatchObject({ scope: 'socket.io', id: '/#12', role: 'reply', final: true });
  });

  it.each([
    ['', 'empty frame'],
    ['9', 'unknown Engine.IO packet type "9"'],
    ['49', 'unknown Socket.IO packet type "9"'],
    ['42', 'EVENT without an event name'],
    ['42[1,2]', 'EVENT without an event name'],
    ['42["a"', 'EVENT data is invalid JSON'],
    ['45-["a"]', 'binary packet without an attachment count'],
    ['0not json', 'Engine.IO open packet without a JSON handshake'],
  ])('malformed %j → error %j', (input, error) => {
    const result = decodeSocketIo(text(input), {});
    expect(result.error).toContain(error);
    expect(result.summary).toContain(error.slice(0, 10));
  });

  it('treats a plain Engine.IO message as text', () => {
    expect(decodeSocketIo(text('4hello'), {}).summary).toBe('message hello');
  });
});
