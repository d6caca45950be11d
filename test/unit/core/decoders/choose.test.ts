import { describe, expect, it } from 'vitest';
import {
  chooseDecoder,
  createSocketDecoding,
  DECODERS,
  decodeWith,
  isDecoderId,
  listDecoders,
} from '../../../../src/core/decoders';
import { binary, loadFixture, text } from './fixtures';

describe('chooseDecoder', () => {
  it.each([
    ['mqtt', 'mqtt'],
    ['v12.stomp', 'stomp'],
    ['v10.stomp', 'stomp'],
    ['graphql-transport-ws', 'graphql'],
    ['graphql-ws', 'graphql'],
    ['actioncable-v1-json', 'action-cable'],
    ['wamp.2.cbor', 'cbor'],
  ])('subprotocol %s → %s', (protocol, id) => {
    expect(chooseDecoder({ protocol, url: 'wss://x/socket.io/?EIO=4' })).toMatchObject({ id, reason: 'subprotocol' });
  });

  it.each([
    ['wss://example.com/socket.io/?EIO=4&transport=websocket', 'socket.io'],
    ['ws://localhost:3000/custom?EIO=3&transport=websocket', 'socket.io'],
    ['wss://example.com/stomp/123/k3j2l1x9/websocket', 'sockjs'],
    ['wss://example.com/sockjs/000/abcdefgh/websocket', 'sockjs'],
    ['wss://example.com/socket/websocket?token=x&vsn=2.0.0', 'phoenix'],
    ['wss://example.com/live/websocket?vsn=2.0.0', 'phoenix'],
    ['wss://example.com/cable', 'action-cable'],
    ['wss://example.com/chathub?id=9ZqbrI1xXwpXGOXqbaRMNw', 'signalr'],
    ['wss://example.com/hubs/notificationHub', 'signalr'],
  ])('URL %s → %s', (url, id) => {
    expect(chooseDecoder({ url })).toMatchObject({ id, reason: 'url' });
  });

  it('says nothing from a plain socket, and falls back to the opcode', () => {
    expect(chooseDecoder({ url: 'wss://echo.example.com/socket/websocket' })).toBeNull();
    expect(chooseDecoder({ url: 'wss://echo.example.com/' }, text('hello'))).toMatchObject({
      id: 'text',
      reason: 'opcode',
    });
    expect(chooseDecoder({}, binary([0, 1, 2, 255]))).toMatchObject({ id: 'binary', reason: 'opcode' });
    expect(chooseDecoder({}, text('{"a":[1,2]}'))).toMatchObject({ id: 'json', reason: 'content' });
  });

  it('tells JSON from text by content whatever JSON value it starts with', () => {
    for (const json of [' \n{"a":1}', '[1]', '"s"', '-1.5', '7', 'true', 'false', 'null']) {
      expect(chooseDecoder({}, text(json)), json).toMatchObject({ id: 'json', reason: 'content' });
    }
    for (const plain of ['hello', 'x'.repeat(100), 'nope', '  tomorrow', '']) {
      expect(chooseDecoder({}, text(plain)), plain).toMatchObject({ id: 'text' });
    }
  });

  it('sniffs every protocol from content alone', () => {
    expect(chooseDecoder({}, text('42["chat:message","hi"]')).id).toBe('socket.io');
    expect(chooseDecoder({}, text('0{"sid":"x","upgrades":[]}')).id).toBe('socket.io');
    expect(chooseDecoder({}, text('a["x"]')).id).toBe('sockjs');
    expect(chooseDecoder({}, text('SEND\ndestination:/a\n\nhi\0')).id).toBe('stomp');
    expect(chooseDecoder({}, text('{"type":6}\x1e')).id).toBe('signalr');
    expect(chooseDecoder({}, binary([0x30, 0x05, 0x00, 0x01, 0x61, 0x68, 0x69])).id).toBe('mqtt');
    expect(chooseDecoder({}, text('{"jsonrpc":"2.0","method":"x"}')).id).toBe('json-rpc');
    expect(chooseDecoder({}, text('[{"jsonrpc":"2.0","method":"x"}]')).id).toBe('json-rpc');
  });
});

describe('the decoder registry', () => {
  it('lists every decoder once with a label, for a manual choice', () => {
    const list = listDecoders();
    expect(new Set(list.map((d) => d.id)).size).toBe(list.length);
    expect(list.every((d) => d.label.length > 0 && isDecoderId(d.id))).toBe(true);
    expect(list.map((d) => d.id)).toEqual(DECODERS.map((d) => d.id));
    expect(isDecoderId('nope')).toBe(false);
  });

  it('decodes with the decoder picked by hand, whatever the content', () => {
    expect(decodeWith('json', text('42["a"]'), {}).error).toContain('invalid JSON');
    expect(decodeWith('socket.io', text('42["a"]'), {}).summary).toBe('EVENT a []');
  });
});

describe('createSocketDecoding', () => {
  it('keeps a content-based choice for later frames of the socket', () => {
    const socket = createSocketDecoding({ url: 'wss://example.com/custom', protocol: '' });
    expect(socket.choice).toBeNull();
    expect(socket.decode(text('42["hello"]'), 'in').summary).toBe('EVENT hello []');
    expect(socket.choice).toMatchObject({ id: 'socket.io', reason: 'content' });
    expect(socket.decode(text('2'), 'in').summary).toBe('ping');
  });

  it('learns the MQTT version from CONNECT, so later packets decode as MQTT 5', () => {
    const mqtt = loadFixture('mqtt');
    const socket = createSocketDecoding({ url: 'wss://broker/mqtt', protocol: 'mqtt' });
    const connect = mqtt.frames.find((f) => f.name === 'mqtt5 connect');
    const publish = mqtt.frames.find((f) => f.name === 'mqtt5 publish');
    if (!connect || !publish) throw new Error('fixture missing');
    socket.decode(connect.payload, 'out');
    const result = socket.decode(publish.payload, 'out');
    expect(result.fields).toContainEqual({ name: 'MQTT version', value: '5.0' });
  });

  it('switches by hand and back to automatic', () => {
    const socket = createSocketDecoding({ url: 'wss://x/', protocol: 'v12.stomp' });
    socket.setDecoder('text');
    expect(socket.choice).toMatchObject({ id: 'text', reason: 'manual' });
    socket.setDecoder('auto');
    expect(socket.choice).toMatchObject({ id: 'stomp', reason: 'subprotocol' });
  });
});
