import { describe, expect, it } from 'vitest';
import { chooseDecoder, decodeSockJs, decodeStomp } from '../../../../src/core/decoders';
import { binary, contextOf, frame, loadFixture, text } from './fixtures';

const stomp = loadFixture('stomp');
const sockjs = loadFixture('sockjs');

describe('STOMP decoder on frames from @stomp/stompjs (live client)', () => {
  it.each(stomp.frames.map((f) => [f.name, f] as const))('%s: chosen and decoded without error', (_name, f) => {
    expect(chooseDecoder(contextOf(f), f.payload).id).toBe('stomp');
    expect(decodeStomp(f.payload, contextOf(f)).error).toBeUndefined();
  });

  it.each([
    ['stomp live 0 CONNECT', 'CONNECT host=/ accept-version=1.2,1.1,1.0 login=guest'],
    ['stomp live 2 SUBSCRIBE', 'SUBSCRIBE /topic/prices id=sub-0 ack=client-individual'],
    ['stomp live 3 MESSAGE', 'MESSAGE /topic/prices subscription=sub-0 (30 B)'],
    ['stomp live 5 SEND', 'SEND /queue/a (12 B)'],
    ['stomp live 6 SEND', 'SEND /queue/bin (5 B)'],
    ['stomp live 12 SEND', 'SEND /queue/a receipt=r-77 (0 B)'],
    ['stomp ERROR', 'ERROR malformed frame received (69 B)'],
  ])('%s → %s', (name, summary) => {
    const f = frame(stomp, name);
    expect(decodeStomp(f.payload, contextOf(f)).summary).toBe(summary);
  });

  it('unescapes header values (STOMP 1.2) and keeps a binary body as bytes', () => {
    const send = decodeStomp(frame(stomp, 'stomp live 5 SEND').payload, {});
    expect(send.fields.find((f) => f.name === 'x-escaped')?.value).toBe('a:b\nc');
    expect(send.body).toBe('hello world!');
    const bin = decodeStomp(frame(stomp, 'stomp live 6 SEND').payload, {});
    expect(Array.from(bin.body as Uint8Array)).toEqual([0, 1, 2, 0, 255]);
    const message = decodeStomp(frame(stomp, 'stomp live 3 MESSAGE').payload, {});
    expect(message.body).toEqual({ symbol: 'ACME', price: 12.5 });
  });

  it('reads heart-beats and several frames in one message', () => {
    expect(decodeStomp(text('\n'), {}).summary).toBe('heartbeat');
    const two = decodeStomp(text('RECEIPT\nreceipt-id:1\n\n\0\nRECEIPT\nreceipt-id:2\n\n\0'), {});
    expect(two.parts).toHaveLength(2);
    expect(two.summary).toBe('2 frames: RECEIPT receipt-id=1 | RECEIPT receipt-id=2');
  });

  it.each([
    ['', 'empty frame'],
    ['HELLO\n\n\0', 'unknown STOMP command "HELLO"'],
    ['SEND\ndestination:/a\n\nbody', 'frame does not end with NUL'],
    ['SEND\ndestination /a\n\n\0', 'malformed header line'],
    ['SEND\ndestination:/a\n', 'headers do not end with a blank line'],
    ['SEND', 'no command line'],
    ['SEND\ncontent-length:999999999\n\nabc\0', 'frame ends before content-length bytes'],
    ['SEND\ncontent-length:x\n\n\0', 'bad content-length'],
    ['SEND\ncontent-length:1\n\nab\0', 'no NUL after content-length bytes'],
  ])('malformed %j → %s', (input, error) => {
    expect(decodeStomp(text(input), {}).error).toContain(error);
  });

  it('every prefix of every frame decodes to a result, never a throw', () => {
    for (const f of stomp.frames) {
      const full = f.payload.kind === 'text' ? f.payload.text : '';
      for (let end = 0; end < full.length; end++) {
        const prefix = full.slice(0, end);
        const result = decodeStomp(text(prefix), {});
        // Only a prefix that is itself a whole frame may decode cleanly.
        if (!result.error) expect(prefix.endsWith('\0'), JSON.stringify(prefix)).toBe(true);
      }
    }
  });

  it('refuses non-UTF-8 headers in a binary frame gracefully', () => {
    expect(decodeStomp(binary([0xff, 0xfe, 0x0a, 0x0a, 0x00]), {}).error).toContain('unknown STOMP command');
  });
});

describe('SockJS decoder on frames from the sockjs server', () => {
  const context = { url: 'wss://example.com/stomp/123/abcdefgh/websocket' };

  it.each(sockjs.frames.map((f) => [f.name, f] as const))(
    '%s: chosen from the URL and decoded without error',
    (_name, f) => {
      expect(chooseDecoder(contextOf(f), f.payload).id).toBe('sockjs');
      expect(decodeSockJs(f.payload, contextOf(f)).error).toBeUndefined();
    },
  );

  it('decodes STOMP carried in SockJS frames, both directions', () => {
    const sent = sockjs.frames.find(
      (f) => f.direction === 'out' && f.payload.kind === 'text' && f.payload.text.includes('SEND'),
    );
    const echoed = sockjs.frames.find(
      (f) => f.direction === 'in' && f.payload.kind === 'text' && f.payload.text.includes('SEND'),
    );
    for (const f of [sent, echoed]) {
      const result = decodeSockJs(f?.payload ?? text(''), context);
      expect(result.summary).toBe('SEND /queue/a (5 B)');
      expect(result.parts?.[0]?.decoder).toBe('stomp');
    }
  });

  it.each([
    ['o', 'open'],
    ['h', 'heartbeat'],
    ['c[3000,"Go away!"]', 'close 3000 Go away!'],
    ['a["x","y"]', '2 messages: x | y'],
    ['m"hello"', 'hello'],
    ['["a"]', 'a'],
  ])('%s → %s', (input, summary) => {
    expect(decodeSockJs(text(input), context).summary).toBe(summary);
  });

  it.each([
    ['x', 'unknown SockJS frame'],
    ['a[1,2]', 'messages must be JSON strings'],
    ['a["x"', 'message frame is invalid JSON'],
    ['c[]', 'close frame without [code, reason]'],
    ['m["a"]', 'm frame must hold one JSON string'],
    ['', 'unknown SockJS frame'],
  ])('malformed %j → %s', (input, error) => {
    expect(decodeSockJs(text(input), context).error).toContain(error);
  });
});
