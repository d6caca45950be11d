#!/usr/bin/env node
/**
 * Writes test/unit/core/decoders/fixtures/*.json: WebSocket frames produced by the real client (and,
 * where npm has one, server) libraries of each protocol, so the decoder tests check our decoders
 * against what those libraries really put on the wire, without needing them at test time.
 *
 * Run: node scripts/generate-decoder-fixtures.mjs   (needs the devDependencies installed)
 *
 * Each fixture file: { generator, libraries: {name: version}, frames: [{ name, direction,
 * context?, payload: WirePayload, input?, handBuilt? }] }. `input` is what the library was asked
 * to encode, so tests can compare it with what the decoders read back. Frames that no npm library
 * produces (Action Cable's server is Ruby; Phoenix's server is Elixir) are built by hand here from
 * the protocol documents and marked `handBuilt: true`.
 *
 * Live recordings run a `ws` (or sockjs) server on 127.0.0.1 with an ephemeral port, and stop it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test/unit/core/decoders/fixtures');

// ------------------------------------------------------------------------------------------------
// Fixture plumbing
// ------------------------------------------------------------------------------------------------

function libraryVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function wire(data) {
  if (typeof data === 'string') return { kind: 'text', text: data };
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  return { kind: 'binary', base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/** JSON-safe copy of an encoder input: Buffers become {base64}. */
function jsonSafe(value) {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => {
      if (v && v.type === 'Buffer' && Array.isArray(v.data)) return { base64: Buffer.from(v.data).toString('base64') };
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v))
        return { base64: Buffer.from(v.buffer ?? v).toString('base64') };
      return v;
    }),
  );
}

function createFixture(libraries) {
  const frames = [];
  return {
    frames,
    add(name, direction, data, extra = {}) {
      const frame = { name, direction, payload: wire(data), ...extra };
      if (extra.input !== undefined) frame.input = jsonSafe(extra.input);
      frames.push(frame);
    },
    toJSON() {
      const libs = Object.fromEntries(libraries.map((lib) => [lib, libraryVersion(lib)]));
      return { generator: 'scripts/generate-decoder-fixtures.mjs', libraries: libs, frames };
    },
  };
}

function write(name, fixture) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(fixture.toJSON(), null, 1) + '\n');
  console.log(`${name}.json: ${fixture.frames.length} frames`);
}

const withTimeout = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms).unref()),
  ]);

/** A ws server on 127.0.0.1 recording every frame; `onConnection(socket, record)` scripts the server side. */
async function startRecordingServer(onConnection, options = {}) {
  const frames = [];
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket, request) => {
    const record = (direction, data, isBinary) =>
      frames.push({ direction, data: isBinary ? new Uint8Array(data) : String(data) });
    socket.on('message', (data, isBinary) => record('out', data, isBinary));
    const send = (data) => {
      record('in', data, typeof data !== 'string');
      socket.send(data);
    };
    onConnection({ socket, send, request });
  });
  const { port } = server.address();
  return { frames, url: `ws://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const until = async (condition, what) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 5000) throw new Error(`timeout waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

// ------------------------------------------------------------------------------------------------
// Engine.IO v3/v4 and Socket.IO v2 (parser 3.x) / v3–v4 (parser 4.x)
// ------------------------------------------------------------------------------------------------

function socketIoFixture() {
  const fixture = createFixture(['engine.io-parser', 'engine.io-parser-v2', 'socket.io-parser', 'socket.io-parser-v3']);
  const eio4 = require('engine.io-parser');
  const eio3 = require('engine.io-parser-v2');
  const sio4 = require('socket.io-parser');
  const sio3 = require('socket.io-parser-v3');
  const ctx4 = { url: 'wss://example.com/socket.io/?EIO=4&transport=websocket' };
  const ctx3 = { url: 'wss://example.com/socket.io/?EIO=3&transport=websocket' };

  const eioPackets = [
    {
      type: 'open',
      data: JSON.stringify({
        sid: 'lv_VI97HAXpY6yYWAAAC',
        upgrades: [],
        pingInterval: 25000,
        pingTimeout: 20000,
        maxPayload: 1000000,
      }),
    },
    { type: 'ping' },
    { type: 'pong' },
    { type: 'ping', data: 'probe' },
    { type: 'pong', data: 'probe' },
    { type: 'upgrade' },
    { type: 'noop' },
    { type: 'close' },
  ];
  for (const packet of eioPackets) {
    eio4.encodePacket(packet, true, (encoded) =>
      fixture.add(`eio4 ${packet.type} ${packet.data ?? ''}`.trim(), 'in', encoded, {
        context: ctx4,
        input: { eio: 4, ...packet },
      }),
    );
    eio3.encodePacket(packet, true, false, (encoded) =>
      fixture.add(`eio3 ${packet.type} ${packet.data ?? ''}`.trim(), 'in', encoded, {
        context: ctx3,
        input: { eio: 3, ...packet },
      }),
    );
  }

  const attachment = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
  const sioPackets = [
    { label: 'connect', packet: { type: 0, nsp: '/' } },
    { label: 'connect admin with auth', packet: { type: 0, nsp: '/admin', data: { token: 'abc' } }, v4Only: true },
    {
      label: 'connect reply with sid',
      packet: { type: 0, nsp: '/', data: { sid: 'wZX3oN0bSVIhsaknAAAI' } },
      v4Only: true,
    },
    { label: 'disconnect admin', packet: { type: 1, nsp: '/admin' } },
    { label: 'event', packet: { type: 2, nsp: '/', data: ['chat:message', 'hi'] } },
    { label: 'event with ack', packet: { type: 2, nsp: '/', id: 12, data: ['hello', { a: 1 }, [2, 3]] } },
    { label: 'event in namespace', packet: { type: 2, nsp: '/admin', data: ['kick', 'bob'] } },
    { label: 'event in namespace with ack', packet: { type: 2, nsp: '/admin', id: 7, data: ['ban'] } },
    { label: 'ack', packet: { type: 3, nsp: '/', id: 12, data: ['ok', 42] } },
    {
      label: 'connect error',
      packet: { type: 4, nsp: '/', data: { message: 'Not authorized', data: { reason: 'token' } } },
      v4Only: true,
    },
    { label: 'error (v2)', packet: { type: 4, nsp: '/', data: 'Invalid namespace' }, v3Only: true },
    { label: 'binary event', packet: { type: 2, nsp: '/', data: ['upload', { name: 'a.bin', file: attachment }] } },
    {
      label: 'binary event two attachments',
      packet: { type: 2, nsp: '/admin', id: 3, data: ['files', attachment, attachment] },
    },
    { label: 'binary ack', packet: { type: 3, nsp: '/', id: 4, data: [attachment] } },
  ];
  const eio4Message = (text) => {
    let out;
    eio4.encodePacket({ type: 'message', data: text }, true, (e) => (out = e));
    return out;
  };
  const eio3Message = (data) => {
    let out;
    eio3.encodePacket({ type: 'message', data }, true, false, (e) => (out = e));
    return out;
  };
  const encoder4 = new sio4.Encoder();
  for (const { label, packet, v3Only } of sioPackets) {
    if (v3Only) continue;
    encoder4.encode(packet).forEach((part, i) => {
      const name = `sio4 ${label}${i ? ` attachment ${i}` : ''}`;
      const data = typeof part === 'string' ? eio4Message(part) : part; // EIO4 sends attachments as raw binary frames
      fixture.add(name, 'out', data, {
        context: ctx4,
        input: i ? { attachment: i } : { socketIoVersion: 4, ...packet },
      });
    });
  }
  const encoder3 = new sio3.Encoder();
  for (const { label, packet, v4Only } of sioPackets) {
    if (v4Only) continue;
    const v3Packet = { ...packet, type: hasBinary(packet.data) ? packet.type + 3 : packet.type };
    encoder3.encode(v3Packet, (parts) => {
      parts.forEach((part, i) => {
        const name = `sio3 ${label}${i ? ` attachment ${i}` : ''}`;
        fixture.add(name, 'out', eio3Message(part), {
          context: ctx3,
          input: i ? { attachment: i } : { socketIoVersion: 2, ...v3Packet },
        });
      });
    });
  }
  return fixture;
}

const hasBinary = (x) =>
  Buffer.isBuffer(x) ||
  (Array.isArray(x) ? x.some(hasBinary) : x && typeof x === 'object' && Object.values(x).some(hasBinary));

// ------------------------------------------------------------------------------------------------
// MQTT 3.1.1 and 5 (mqtt-packet is what mqtt.js uses to write packets)
// ------------------------------------------------------------------------------------------------

function mqttFixture() {
  const fixture = createFixture(['mqtt-packet']);
  const mqtt = require('mqtt-packet');
  const userProperties = { app: 'socket-scope' };
  const v5 = {
    connect: {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 5,
      clean: true,
      clientId: 'scope-5',
      keepalive: 60,
      username: 'alice',
      password: Buffer.from('secret'),
      will: {
        topic: 'clients/scope-5/status',
        payload: Buffer.from('offline'),
        qos: 1,
        retain: true,
        properties: { willDelayInterval: 5, contentType: 'text/plain' },
      },
      properties: {
        sessionExpiryInterval: 3600,
        receiveMaximum: 100,
        maximumPacketSize: 65536,
        topicAliasMaximum: 10,
        requestResponseInformation: true,
        userProperties,
      },
    },
    connack: {
      cmd: 'connack',
      sessionPresent: true,
      reasonCode: 0,
      properties: {
        assignedClientIdentifier: 'auto-1',
        maximumQoS: 1,
        retainAvailable: true,
        serverKeepAlive: 30,
        topicAliasMaximum: 5,
      },
    },
    publish: {
      cmd: 'publish',
      topic: 'sensors/1',
      qos: 1,
      messageId: 17,
      retain: false,
      dup: false,
      payload: Buffer.from('{"temperature":21.5}'),
      properties: {
        payloadFormatIndicator: true,
        contentType: 'application/json',
        messageExpiryInterval: 60,
        topicAlias: 3,
        responseTopic: 'reply/1',
        correlationData: Buffer.from([1, 2, 3]),
        userProperties,
      },
    },
    'publish qos2 retain dup': {
      cmd: 'publish',
      topic: 'a/b',
      qos: 2,
      messageId: 18,
      retain: true,
      dup: true,
      payload: Buffer.from([0, 1, 2, 255]),
      properties: { subscriptionIdentifier: 4 },
    },
    puback: { cmd: 'puback', messageId: 17, reasonCode: 16, properties: { reasonString: 'no subscribers' } },
    pubrec: { cmd: 'pubrec', messageId: 18, reasonCode: 0 },
    pubrel: { cmd: 'pubrel', messageId: 18, reasonCode: 0 },
    pubcomp: { cmd: 'pubcomp', messageId: 18, reasonCode: 0 },
    subscribe: {
      cmd: 'subscribe',
      messageId: 2,
      properties: { subscriptionIdentifier: 145, userProperties },
      subscriptions: [
        { topic: 'sensors/+', qos: 1, nl: true, rap: true, rh: 1 },
        { topic: 'alerts/#', qos: 0, nl: false, rap: false, rh: 0 },
      ],
    },
    suback: { cmd: 'suback', messageId: 2, properties: { reasonString: 'ok' }, granted: [1, 128] },
    unsubscribe: {
      cmd: 'unsubscribe',
      messageId: 3,
      properties: { userProperties },
      unsubscriptions: ['sensors/+', 'alerts/#'],
    },
    unsuback: { cmd: 'unsuback', messageId: 3, granted: [0, 17] },
    pingreq: { cmd: 'pingreq' },
    pingresp: { cmd: 'pingresp' },
    disconnect: { cmd: 'disconnect', reasonCode: 4, properties: { sessionExpiryInterval: 0, reasonString: 'bye' } },
    auth: {
      cmd: 'auth',
      reasonCode: 0x18,
      properties: { authenticationMethod: 'SCRAM-SHA-1', authenticationData: Buffer.from([1, 2, 3, 4]) },
    },
  };
  const v4 = {
    connect: {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: true,
      clientId: 'scope-4',
      keepalive: 30,
      username: 'bob',
      password: Buffer.from('pw'),
      will: { topic: 'status', payload: Buffer.from('gone'), qos: 0, retain: false },
    },
    'connect 3.1': {
      cmd: 'connect',
      protocolId: 'MQIsdp',
      protocolVersion: 3,
      clean: false,
      clientId: 'legacy',
      keepalive: 10,
    },
    connack: { cmd: 'connack', sessionPresent: false, returnCode: 0 },
    'connack refused': { cmd: 'connack', sessionPresent: false, returnCode: 5 },
    'publish qos0': {
      cmd: 'publish',
      topic: 'chat/room',
      qos: 0,
      retain: false,
      dup: false,
      payload: Buffer.from('hello world'),
    },
    publish: {
      cmd: 'publish',
      topic: 'sensors/1',
      qos: 1,
      messageId: 1,
      retain: false,
      dup: false,
      payload: Buffer.from('x'.repeat(24)),
    },
    'publish empty retained': {
      cmd: 'publish',
      topic: 'sensors/1',
      qos: 0,
      retain: true,
      dup: false,
      payload: Buffer.alloc(0),
    },
    'publish large': {
      cmd: 'publish',
      topic: 'big',
      qos: 0,
      retain: false,
      dup: false,
      payload: Buffer.alloc(20000, 0x61),
    },
    puback: { cmd: 'puback', messageId: 1 },
    pubrec: { cmd: 'pubrec', messageId: 5 },
    pubrel: { cmd: 'pubrel', messageId: 5 },
    pubcomp: { cmd: 'pubcomp', messageId: 5 },
    subscribe: {
      cmd: 'subscribe',
      messageId: 1,
      subscriptions: [
        { topic: 'sensors/#', qos: 1 },
        { topic: 'chat/+', qos: 2 },
      ],
    },
    suback: { cmd: 'suback', messageId: 1, granted: [1, 2] },
    unsubscribe: { cmd: 'unsubscribe', messageId: 2, unsubscriptions: ['chat/+'] },
    unsuback: { cmd: 'unsuback', messageId: 2 },
    pingreq: { cmd: 'pingreq' },
    pingresp: { cmd: 'pingresp' },
    disconnect: { cmd: 'disconnect' },
  };
  const toClient = new Set(['connack', 'suback', 'unsuback', 'pingresp', 'connack refused']);
  for (const [version, packets] of [
    [4, v4],
    [5, v5],
  ]) {
    for (const [label, packet] of Object.entries(packets)) {
      const bytes = mqtt.generate(packet, { protocolVersion: version });
      const direction = toClient.has(label) ? 'in' : 'out';
      fixture.add(`mqtt${version} ${label}`, direction, bytes, {
        context: { url: 'wss://broker.example/mqtt', protocol: 'mqtt', mqttVersion: version },
        input: packet,
      });
    }
  }
  // mqtt.js over WebSocket may put two packets in one frame (stream writes are coalesced).
  const two = Buffer.concat([mqtt.generate(v4.puback), mqtt.generate(v4.pingreq)]);
  fixture.add('mqtt4 two packets in one frame', 'out', two, {
    context: { protocol: 'mqtt', mqttVersion: 4 },
    input: [v4.puback, v4.pingreq],
  });
  return fixture;
}

// ------------------------------------------------------------------------------------------------
// STOMP 1.0–1.2 (@stomp/stompjs), live client against a scripted ws server
// ------------------------------------------------------------------------------------------------

async function stompFixture() {
  const fixture = createFixture(['@stomp/stompjs']);
  const { Client, FrameImpl } = require('@stomp/stompjs');
  const serverFrame = (command, headers, body = '') =>
    FrameImpl.marshall({ command, headers, body, escapeHeaderValues: true, skipContentLengthHeader: false });
  const server = await startRecordingServer(
    ({ socket, send }) => {
      socket.on('message', (data) => {
        const text = String(data);
        if (text.startsWith('CONNECT'))
          send(
            serverFrame('CONNECTED', {
              version: '1.2',
              'heart-beat': '0,0',
              server: 'scripted/1.0',
              session: 'sess-1',
            }),
          );
        if (text.startsWith('SUBSCRIBE')) {
          send(
            serverFrame(
              'MESSAGE',
              {
                subscription: 'sub-0',
                'message-id': 'm-1',
                destination: '/topic/prices',
                'content-type': 'application/json',
                ack: 'a-1',
              },
              '{"symbol":"ACME","price":12.5}',
            ),
          );
        }
        if (/receipt:/.test(text)) send(serverFrame('RECEIPT', { 'receipt-id': /receipt:(\S+)/.exec(text)[1] }));
      });
    },
    { handleProtocols: (protocols) => (protocols.has('v12.stomp') ? 'v12.stomp' : false) },
  );
  const client = new Client({
    brokerURL: server.url,
    webSocketFactory: () => new WebSocket(server.url, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
    connectHeaders: { login: 'guest', passcode: 'guest', host: '/' },
    reconnectDelay: 0,
    debug: () => {},
  });
  let gotMessage;
  const connected = new Promise((resolve) => (client.onConnect = resolve));
  client.activate();
  await withTimeout(connected, 5000, 'stomp connect');
  const subscription = client.subscribe('/topic/prices', (message) => (gotMessage = message), {
    id: 'sub-0',
    ack: 'client-individual',
  });
  await until(() => gotMessage, 'stomp message');
  gotMessage.ack();
  client.publish({
    destination: '/queue/a',
    body: 'hello world!',
    headers: { 'content-type': 'text/plain', 'x-escaped': 'a:b\nc' },
  });
  client.publish({
    destination: '/queue/bin',
    binaryBody: new Uint8Array([0, 1, 2, 0, 255]),
    headers: { 'content-type': 'application/octet-stream' },
  });
  const tx = client.begin('tx-1');
  client.publish({ destination: '/queue/a', body: 'in tx', headers: { transaction: 'tx-1' } });
  tx.commit();
  client.begin('tx-2').abort();
  client.watchForReceipt('r-77', () => {});
  client.publish({ destination: '/queue/a', body: '', headers: { receipt: 'r-77' } });
  subscription.unsubscribe();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await client.deactivate();
  await until(() => server.frames.some((f) => String(f.data).startsWith('DISCONNECT')), 'stomp disconnect');
  await server.close();
  const context = { url: server.url.replace(/:\d+/, ':15674') + '/ws', protocol: 'v12.stomp' };
  server.frames.forEach((f, i) =>
    fixture.add(`stomp live ${i} ${commandOf(f.data)}`, f.direction, f.data, { context }),
  );
  // Frames the live exchange above does not produce; stompjs's own marshaller writes them.
  fixture.add(
    'stomp ERROR',
    'in',
    serverFrame(
      'ERROR',
      { message: 'malformed frame received', 'content-type': 'text/plain' },
      'The message:\n-----\nMESSAGE\n-----\nDid not contain a destination header',
    ),
    { context },
  );
  fixture.add(
    'stomp 1.0 CONNECT',
    'out',
    FrameImpl.marshall({
      command: 'CONNECT',
      headers: { login: 'u', passcode: 'p' },
      escapeHeaderValues: false,
      skipContentLengthHeader: true,
    }),
    { context: { protocol: 'v10.stomp' } },
  );
  fixture.add('stomp NACK', 'out', serverFrame('NACK', { id: 'a-1', transaction: 'tx-3' }), { context });
  fixture.add('stomp STOMP', 'out', serverFrame('STOMP', { 'accept-version': '1.2', host: 'example.com' }), {
    context,
  });
  return fixture;
}

const commandOf = (data) =>
  typeof data === 'string'
    ? data.split('\n')[0] || 'heartbeat'
    : new TextDecoder().decode(data.subarray(0, 12)).split('\n')[0];

// ------------------------------------------------------------------------------------------------
// SockJS (the real sockjs server) carrying plain messages and STOMP frames
// ------------------------------------------------------------------------------------------------

async function sockjsFixture() {
  const fixture = createFixture(['sockjs', '@stomp/stompjs']);
  const sockjs = require('sockjs');
  const { FrameImpl } = require('@stomp/stompjs');
  const frames = [];
  const echo = sockjs.createServer({ log: () => {} });
  echo.on('connection', (conn) => {
    conn.on('data', (message) => {
      if (message === 'close me') conn.close(3000, 'Go away!');
      else conn.write(message);
    });
  });
  const http = createServer();
  echo.installHandlers(http, { prefix: '/echo' });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${http.address().port}/echo/123/abcdefgh/websocket`;
  const socket = new WebSocket(url);
  socket.on('message', (data, isBinary) =>
    frames.push({ direction: 'in', data: isBinary ? new Uint8Array(data) : String(data) }),
  );
  const send = (text) => {
    frames.push({ direction: 'out', data: text });
    socket.send(text);
  };
  await withTimeout(new Promise((resolve) => socket.once('open', resolve)), 5000, 'sockjs open');
  await until(() => frames.length >= 1, 'sockjs o frame');
  const stompSend = FrameImpl.marshall({
    command: 'SEND',
    headers: { destination: '/queue/a' },
    body: 'hello',
    escapeHeaderValues: true,
  });
  send(JSON.stringify(['hello', 'wörld']));
  send(JSON.stringify([stompSend]));
  await until(() => frames.filter((f) => f.direction === 'in').length >= 3, 'sockjs echo');
  send(JSON.stringify(['close me']));
  await withTimeout(new Promise((resolve) => socket.once('close', resolve)), 5000, 'sockjs close');
  await new Promise((resolve) => http.close(resolve));
  const context = { url: 'wss://example.com/stomp/123/abcdefgh/websocket' };
  const seen = new Set();
  for (const f of frames) {
    const key = f.direction + f.data;
    if (seen.has(key)) continue;
    seen.add(key);
    fixture.add(`sockjs live ${f.direction} ${String(f.data).slice(0, 1)}`, f.direction, f.data, { context });
  }
  // The node sockjs server heartbeats a websocket with protocol pings; other servers (Spring's
  // SockJS, sockjs-tornado) send the 'h' frame, and clients send the legacy single-message form.
  fixture.add('sockjs heartbeat', 'in', 'h', { context, handBuilt: true });
  fixture.add('sockjs single message', 'in', 'm"hello"', { context, handBuilt: true });
  return fixture;
}

// ------------------------------------------------------------------------------------------------
// GraphQL over WebSocket: graphql-ws (graphql-transport-ws) and subscriptions-transport-ws
// (legacy graphql-ws), both live against their own servers.
// ------------------------------------------------------------------------------------------------

async function graphqlSchema() {
  const { buildSchema } = await import('graphql');
  const schema = buildSchema(`
    type Query { hello(name: String): String, boom: String }
    type Subscription { price(symbol: String!, limit: Int): Float }
  `);
  const root = {
    hello: ({ name }) => `Hello ${name ?? 'world'}`,
    boom: () => {
      throw new Error('kaboom');
    },
    price: async function* ({ limit = Infinity }) {
      for (let i = 0; i < limit; i++) {
        yield { price: 12.5 + i / 4 };
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
  return { schema, root };
}

async function graphqlTransportWsFixture() {
  const fixture = createFixture(['graphql-ws', 'graphql']);
  const { createClient } = await import('graphql-ws');
  const { useServer } = await import('graphql-ws/use/ws');
  const { schema, root } = await graphqlSchema();
  const frames = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (socket) => {
    socket.on('message', (data) => frames.push({ direction: 'out', data: String(data) }));
    const originalSend = socket.send.bind(socket);
    socket.send = (data, ...rest) => {
      frames.push({ direction: 'in', data: String(data) });
      return originalSend(data, ...rest);
    };
  });
  const disposeServer = useServer({ schema, roots: { query: root, subscription: root } }, wss);
  let nextId = 0;
  const client = createClient({
    url: `ws://127.0.0.1:${wss.address().port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authToken: 't0k3n' },
    lazyCloseTimeout: 1000,
    generateID: () => `00000000-0000-4000-8000-${String(++nextId).padStart(12, '0')}`,
  });
  const run = (payload) =>
    new Promise((resolve) => {
      const results = [];
      client.subscribe(payload, { next: (r) => results.push(r), error: resolve, complete: () => resolve(results) });
    });
  await withTimeout(
    run({
      query: 'subscription OnPrice($s: String!) { price(symbol: $s, limit: 2) }',
      variables: { s: 'ACME' },
      operationName: 'OnPrice',
    }),
    5000,
    'gql sub',
  );
  // A subscription the client cancels: the client sends `complete`.
  await withTimeout(
    new Promise((resolve) => {
      let seen = 0;
      const cancel = client.subscribe(
        { query: 'subscription Ticker { price(symbol: "X") }' },
        {
          next: () => {
            if (++seen === 1) {
              cancel();
              resolve();
            }
          },
          error: resolve,
          complete: () => {},
        },
      );
    }),
    5000,
    'gql cancel',
  );
  await withTimeout(run({ query: 'query Greeting { hello(name: "Ada") }' }), 5000, 'gql query');
  await withTimeout(run({ query: '{ boom }' }), 5000, 'gql error');
  await withTimeout(run({ query: 'query Invalid { nope }' }), 5000, 'gql invalid');
  await client.dispose();
  await disposeServer.dispose();
  await new Promise((resolve) => wss.close(resolve));
  const context = { url: 'wss://api.example.com/graphql', protocol: 'graphql-transport-ws' };
  addNamedByContent(fixture, 'graphql-transport-ws', frames, context);
  const { stringifyMessage, MessageType } = await import('graphql-ws');
  fixture.add('graphql-transport-ws ping', 'in', stringifyMessage({ type: MessageType.Ping, payload: { t: 1 } }), {
    context,
  });
  fixture.add('graphql-transport-ws pong', 'out', stringifyMessage({ type: MessageType.Pong }), { context });
  return fixture;
}

/**
 * Names frames by type, operation id and occurrence (`next #2 (1)`), not by position: a live
 * exchange may interleave differently from run to run, the names stay the same.
 */
function addNamedByContent(fixture, prefix, frames, context) {
  const seen = new Map();
  for (const f of frames) {
    const { type, id } = JSON.parse(f.data);
    const key = `${type}${id === undefined ? '' : ` #${String(id).replace(/^0{8}-0000-4000-8000-0+/, '')}`}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    fixture.add(`${prefix} ${f.direction} ${key}${n > 1 ? ` (${n})` : ''}`, f.direction, f.data, { context });
  }
}

async function subscriptionsTransportWsFixture() {
  const fixture = createFixture(['subscriptions-transport-ws', 'graphql']);
  const { SubscriptionClient, SubscriptionServer } = require('subscriptions-transport-ws');
  const { execute, subscribe } = await import('graphql');
  const { schema, root } = await graphqlSchema();
  const frames = [];
  const http = createServer();
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const subscriptionServer = SubscriptionServer.create(
    { schema, execute, subscribe, rootValue: root },
    { server: http, path: '/graphql' },
  );
  subscriptionServer.server.on('connection', (socket) => {
    socket.on('message', (data) => frames.push({ direction: 'out', data: String(data) }));
    const originalSend = socket.send.bind(socket);
    socket.send = (data, ...rest) => {
      frames.push({ direction: 'in', data: String(data) });
      return originalSend(data, ...rest);
    };
  });
  const client = new SubscriptionClient(
    `ws://127.0.0.1:${http.address().port}/graphql`,
    { connectionParams: { authToken: 't0k3n' }, reconnect: false },
    WebSocket,
  );
  const run = (request) =>
    new Promise((resolve) => {
      const results = [];
      client
        .request(request)
        .subscribe({ next: (r) => results.push(r), error: resolve, complete: () => resolve(results) });
    });
  await withTimeout(
    run({ query: 'query Greeting { hello(name: "Ada") }', operationName: 'Greeting' }),
    5000,
    'legacy query',
  );
  await withTimeout(run({ query: '{ boom }' }), 5000, 'legacy error');
  let prices = 0;
  const sub = client
    .request({ query: 'subscription OnPrice { price(symbol: "ACME") }' })
    .subscribe({ next: () => prices++ });
  await until(() => prices >= 2, 'legacy prices');
  sub.unsubscribe();
  await new Promise((resolve) => setTimeout(resolve, 50));
  client.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  subscriptionServer.close();
  await new Promise((resolve) => http.close(resolve));
  const context = { url: 'wss://api.example.com/subscriptions', protocol: 'graphql-ws' };
  addNamedByContent(fixture, 'graphql-ws legacy', frames, context);
  return fixture;
}

// ------------------------------------------------------------------------------------------------
// SignalR JSON hub protocol: live handshake of the real client, messages from its JsonHubProtocol
// ------------------------------------------------------------------------------------------------

async function signalrFixture() {
  const fixture = createFixture(['@microsoft/signalr']);
  const signalR = require('@microsoft/signalr');
  const protocol = new signalR.JsonHubProtocol();
  const server = await startRecordingServer(({ socket, send }) => {
    socket.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('{"protocol"')) {
        send('{}\x1e');
        send(
          protocol.writeMessage({
            type: signalR.MessageType.Invocation,
            target: 'ReceiveMessage',
            arguments: ['ada', 'hello'],
          }),
        );
      }
      for (const record of text
        .split('\x1e')
        .filter(Boolean)
        .map((r) => JSON.parse(r))) {
        if (record.type === signalR.MessageType.Invocation && record.target === 'Add') {
          send(
            protocol.writeMessage({
              type: signalR.MessageType.Completion,
              invocationId: record.invocationId,
              result: 3,
            }),
          );
        }
        if (record.type === signalR.MessageType.StreamInvocation) {
          const item = (n) =>
            protocol.writeMessage({ type: signalR.MessageType.StreamItem, invocationId: record.invocationId, item: n });
          send(item(1) + item(2)); // two records in one frame
        }
      }
    });
  });
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${server.url.replace('ws:', 'http:')}/chathub`, {
      skipNegotiation: true,
      transport: signalR.HttpTransportType.WebSockets,
      WebSocket,
    })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on('ReceiveMessage', () => {});
  await withTimeout(connection.start(), 5000, 'signalr start');
  await connection.send('SendMessage', 'ada', 'hi there');
  await withTimeout(connection.invoke('Add', 1, 2), 5000, 'signalr invoke');
  const streamed = connection.stream('Counter', 2, 10);
  await new Promise((resolve) => {
    const sub = streamed.subscribe({
      next: () => {
        sub.dispose();
        resolve();
      },
      complete: resolve,
      error: resolve,
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 30));
  await connection.stop();
  await server.close();
  const context = { url: 'wss://example.com/chathub?id=9ZqbrI1xXwpXGOXqbaRMNw' };
  server.frames.forEach((f, i) => fixture.add(`signalr live ${i}`, f.direction, f.data, { context }));
  const M = signalR.MessageType;
  const written = [
    ['completion error', { type: M.Completion, invocationId: '5', error: 'Method does not exist' }],
    ['completion void', { type: M.Completion, invocationId: '6' }],
    ['stream item', { type: M.StreamItem, invocationId: '2', item: { price: 1 } }],
    ['cancel invocation', { type: M.CancelInvocation, invocationId: '2' }],
    ['ping', { type: M.Ping }],
    ['close with error', { type: M.Close, error: 'Server shutting down', allowReconnect: true }],
    ['invocation with headers', { type: M.Invocation, target: 'Notify', arguments: [], headers: { trace: 'x' } }],
  ];
  for (const [label, message] of written)
    fixture.add(`signalr ${label}`, 'in', protocol.writeMessage(message), { context, input: message });
  fixture.add('signalr handshake error', 'in', '{"error":"Requested protocol \'messagepack\' is not available."}\x1e', {
    context,
    handBuilt: true,
  });
  return fixture;
}

// ------------------------------------------------------------------------------------------------
// JSON-RPC 2.0 (json-rpc-2.0: client writes requests, server writes responses)
// ------------------------------------------------------------------------------------------------

async function jsonRpcFixture() {
  const fixture = createFixture(['json-rpc-2.0']);
  const { JSONRPCClient, JSONRPCServer } = await import('json-rpc-2.0');
  const server = new JSONRPCServer();
  server.addMethod('subtract', ([a, b]) => a - b);
  server.addMethod('echo', (params) => params);
  const client = new JSONRPCClient(async (request) => {
    fixture.add(
      `jsonrpc ${Array.isArray(request) ? 'batch' : request.id === undefined ? 'notification' : 'request'} ${Array.isArray(request) ? request.length : request.method}`,
      'out',
      JSON.stringify(request),
    );
    const response = await server.receive(request);
    if (response) {
      fixture.add(
        `jsonrpc response ${Array.isArray(response) ? 'batch' : response.error ? 'error' : 'result'}`,
        'in',
        JSON.stringify(response),
      );
      client.receive(response);
    }
  });
  await client.request('subtract', [42, 23]);
  await client.request('echo', { text: 'hi', nested: { list: [1, 2] } });
  client.notify('update', [1, 2, 3]);
  await client.request('missing', []).catch(() => {});
  await client.requestAdvanced([
    { jsonrpc: '2.0', id: 'a', method: 'subtract', params: [5, 1] },
    { jsonrpc: '2.0', id: 'b', method: 'nope' },
  ]);
  // Let the microtask-queued notification settle before writing.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return fixture;
}

// ------------------------------------------------------------------------------------------------
// Phoenix channels: the real JS client (v2 arrays and v1 objects) against a scripted server
// ------------------------------------------------------------------------------------------------

async function phoenixFixture() {
  const fixture = createFixture(['phoenix']);
  const { Socket } = await import('phoenix');
  for (const vsn of ['2.0.0', '1.0.0']) {
    const v2 = vsn === '2.0.0';
    const encodeReply = (joinRef, ref, topic, event, payload) =>
      v2
        ? JSON.stringify([joinRef, ref, topic, event, payload])
        : JSON.stringify({ join_ref: joinRef, ref, topic, event, payload });
    const server = await startRecordingServer(({ socket, send }) => {
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        const text = String(data);
        const msg = v2
          ? (([join_ref, ref, topic, event, payload]) => ({ join_ref, ref, topic, event, payload }))(JSON.parse(text))
          : JSON.parse(text);
        if (msg.event === 'phx_join') {
          send(encodeReply(msg.join_ref, msg.ref, msg.topic, 'phx_reply', { status: 'ok', response: {} }));
          send(encodeReply(null, null, msg.topic, 'new_msg', { body: 'welcome!', user: 'server' }));
        } else if (msg.ref) {
          const status = msg.event === 'forbidden' ? 'error' : 'ok';
          send(
            encodeReply(msg.join_ref, msg.ref, msg.topic, 'phx_reply', {
              status,
              response: status === 'ok' ? { id: 1 } : { reason: 'unauthorized' },
            }),
          );
        }
      });
    });
    const options = { transport: WebSocket, params: { token: 'abc' }, vsn, heartbeatIntervalMs: 60000 };
    if (!v2)
      Object.assign(options, {
        encode: (msg, callback) => callback(JSON.stringify(msg)),
        decode: (raw, callback) => callback(JSON.parse(raw)),
      });
    const socket = new Socket(`${server.url}/socket`, options);
    socket.connect();
    const channel = socket.channel('room:lobby', { user: 'ada' });
    await withTimeout(
      new Promise((resolve, reject) => channel.join().receive('ok', resolve).receive('error', reject)),
      5000,
      'phoenix join',
    );
    await withTimeout(
      new Promise((resolve) => channel.push('new_msg', { body: 'hi' }).receive('ok', resolve)),
      5000,
      'phoenix push',
    );
    await withTimeout(
      new Promise((resolve) => channel.push('forbidden', {}).receive('error', resolve)),
      5000,
      'phoenix error',
    );
    if (v2) channel.push('upload', new Uint8Array([1, 2, 3, 4]).buffer);
    socket.sendHeartbeat();
    await new Promise((resolve) => setTimeout(resolve, 30));
    channel.leave();
    await new Promise((resolve) => setTimeout(resolve, 30));
    socket.disconnect();
    await server.close();
    const context = { url: `wss://example.com/socket/websocket?token=abc&vsn=${vsn}` };
    server.frames.forEach((f, i) => fixture.add(`phoenix v${vsn[0]} live ${i}`, f.direction, f.data, { context }));
  }
  // Server-to-client binary frames (Phoenix.Socket.V2.JSONSerializer): kind 1 = reply, 2 = broadcast.
  const ascii = (s) => Buffer.from(s);
  const reply = Buffer.concat([
    Buffer.from([1, 1, 1, 10, 2]),
    ascii('1'),
    ascii('2'),
    ascii('room:lobby'),
    ascii('ok'),
    Buffer.from([9, 9]),
  ]);
  const broadcast = Buffer.concat([
    Buffer.from([2, 10, 4]),
    ascii('room:lobby'),
    ascii('blob'),
    Buffer.from([7, 7, 7]),
  ]);
  const context = { url: 'wss://example.com/socket/websocket?vsn=2.0.0' };
  fixture.add('phoenix v2 binary reply', 'in', reply, { context, handBuilt: true });
  fixture.add('phoenix v2 binary broadcast', 'in', broadcast, { context, handBuilt: true });
  return fixture;
}

// ------------------------------------------------------------------------------------------------
// Action Cable: the real @rails/actioncable consumer; the server side (Ruby) is scripted
// ------------------------------------------------------------------------------------------------

async function actionCableFixture() {
  const fixture = createFixture(['@rails/actioncable']);
  // The consumer is written for browsers: it watches page visibility and reads the global WebSocket.
  globalThis.WebSocket = WebSocket;
  globalThis.document = {
    addEventListener() {},
    removeEventListener() {},
    visibilityState: 'visible',
    head: { querySelector: () => null },
  };
  globalThis.window = globalThis;
  globalThis.addEventListener ??= () => {};
  globalThis.removeEventListener ??= () => {};
  const cable = await import('@rails/actioncable');
  const server = await startRecordingServer(
    ({ socket, send }) => {
      send(JSON.stringify({ type: 'welcome' }));
      send(JSON.stringify({ type: 'ping', message: 1700000000 }));
      socket.on('message', (data) => {
        const command = JSON.parse(String(data));
        if (command.command === 'subscribe')
          send(JSON.stringify({ identifier: command.identifier, type: 'confirm_subscription' }));
        if (command.command === 'message')
          send(JSON.stringify({ identifier: command.identifier, message: { echo: JSON.parse(command.data) } }));
      });
    },
    { handleProtocols: (protocols) => (protocols.has('actioncable-v1-json') ? 'actioncable-v1-json' : false) },
  );
  const consumer = cable.createConsumer(`${server.url}/cable`);
  let received;
  const connected = new Promise((resolve) => {
    const subscription = consumer.subscriptions.create(
      { channel: 'ChatChannel', room: 'lobby' },
      { connected: () => resolve(subscription), received: (data) => (received = data) },
    );
  });
  const subscription = await withTimeout(connected, 5000, 'cable connected');
  subscription.perform('speak', { message: 'hello' });
  await until(() => received, 'cable echo');
  subscription.unsubscribe();
  await until(() => server.frames.some((f) => String(f.data).includes('unsubscribe')), 'cable unsubscribe');
  consumer.disconnect();
  await server.close();
  const context = { url: 'wss://example.com/cable', protocol: 'actioncable-v1-json' };
  server.frames.forEach((f, i) =>
    fixture.add(`actioncable live ${i}`, f.direction, f.data, { context, handBuilt: f.direction === 'in' }),
  );
  const identifier = JSON.stringify({ channel: 'ChatChannel', room: 'lobby' });
  const handBuilt = [
    { identifier, type: 'confirm_subscription' },
    { identifier, type: 'reject_subscription' },
    { identifier, message: { body: 'hello', user: 'ada' } },
    { type: 'disconnect', reason: 'unauthorized', reconnect: false },
  ];
  for (const message of handBuilt)
    fixture.add(`actioncable server ${message.type ?? 'message'}`, 'in', JSON.stringify(message), {
      context,
      handBuilt: true,
      input: message,
    });
  return fixture;
}

// ------------------------------------------------------------------------------------------------
// MessagePack and CBOR (their own encoders)
// ------------------------------------------------------------------------------------------------

async function binaryFormatsFixture() {
  const fixture = createFixture(['@msgpack/msgpack', '@levischuck/tiny-cbor']);
  const { encode } = await import('@msgpack/msgpack');
  const { encodeCBOR } = await import('@levischuck/tiny-cbor');
  const values = {
    map: { type: 'trade', symbol: 'ACME', price: 12.5, qty: 3, tags: ['a', 'b'], ok: true, none: null },
    array: [1, -2, 3.25, 'x', [true, false]],
    bytes: { blob: new Uint8Array([1, 2, 3]) },
    scalar: 42,
  };
  for (const [label, value] of Object.entries(values))
    fixture.add(`msgpack ${label}`, 'in', encode(value), { input: value });
  fixture.add('msgpack timestamp ext', 'in', encode({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }), {
    input: { at: '2024-01-02T03:04:05.000Z' },
  });
  const cborValues = {
    map: new Map([
      ['type', 'trade'],
      ['symbol', 'ACME'],
      ['price', 12.5],
      ['qty', 3],
      ['tags', ['a', 'b']],
      ['ok', true],
      ['none', null],
    ]),
    array: [1, -2, 3.25, 'x', [true, false]],
    bytes: new Map([['blob', new Uint8Array([1, 2, 3])]]),
    scalar: 42,
  };
  for (const [label, value] of Object.entries(cborValues))
    fixture.add(`cbor ${label}`, 'in', encodeCBOR(value), {
      input: value instanceof Map ? Object.fromEntries(value) : value,
    });
  return fixture;
}

// ------------------------------------------------------------------------------------------------

const builders = {
  'socket-io': socketIoFixture,
  mqtt: mqttFixture,
  stomp: stompFixture,
  sockjs: sockjsFixture,
  'graphql-transport-ws': graphqlTransportWsFixture,
  'graphql-ws-legacy': subscriptionsTransportWsFixture,
  signalr: signalrFixture,
  'json-rpc': jsonRpcFixture,
  phoenix: phoenixFixture,
  'action-cable': actionCableFixture,
  'binary-formats': binaryFormatsFixture,
};
const only = process.argv.slice(2);
for (const [name, build] of Object.entries(builders)) {
  if (only.length && !only.includes(name)) continue;
  write(name, await build());
}
process.exit(0);
