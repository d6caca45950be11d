// Real protocol servers on 127.0.0.1 (ephemeral ports) for the session tests: socket.io v4 and
// v2, a STOMP broker, aedes (MQTT) over WebSocket, graphql-ws and the legacy graphql-ws
// protocol. Each start function resolves with { url, close() } once it listens. Loopback only.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { WebSocketServer, createWebSocketStream } from 'ws';

const require = createRequire(import.meta.url);

function listen(http) {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve(http.address().port));
  });
}

const closeHttp = (http) =>
  new Promise((resolve) => {
    http.closeAllConnections?.();
    http.close(() => resolve());
  });

/**
 * socket.io (version 4: the `socket.io` package, Engine.IO 4; version 2: `socket.io-v2`, Engine.IO 3).
 * Root namespace: emits `welcome` {version, auth} on connection; `echo` acks with its arguments;
 * `bytes` emits `bytes` with a Buffer [1,2,3] and the sent attachments; `/private` refuses every
 * client with "Not authorized"; `/kick` disconnects the client right after it joins.
 * @param {{ version?: 2 | 4, pingInterval?: number, pingTimeout?: number }} [options]
 */
export async function startSocketIoServer({ version = 4, pingInterval = 1000, pingTimeout = 1000 } = {}) {
  const http = createServer();
  const io =
    version === 4
      ? new (require('socket.io').Server)(http, { pingInterval, pingTimeout })
      : require('socket.io-v2')(http, { pingInterval, pingTimeout });
  io.on('connection', (socket) => {
    socket.emit('welcome', { version, auth: socket.handshake.auth ?? null });
    socket.on('echo', (...args) => {
      const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
      ack?.(...args);
    });
    socket.on('bytes', (...args) => socket.emit('bytes', Buffer.from([1, 2, 3]), ...args.filter(Buffer.isBuffer)));
  });
  io.of('/private').use((_socket, next) => next(new Error('Not authorized')));
  io.of('/kick').on('connection', (socket) => setTimeout(() => socket.disconnect(true), 10));
  const port = await listen(http);
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      io.close();
      await closeHttp(http);
    },
  };
}

/**
 * stomp-broker-js (a STOMP 1.1 broker: it answers `version:1.1`) at ws://…/stomp. It sends a
 * RECEIPT for DISCONNECT only (its SEND handler drops the receipt callback), and never delivers
 * a SEND back to the client that sent it.
 * `heartbeat` is [server sends every, server expects every] in ms (0 = off).
 * `broker` is the StompServer, for sending to subscribers from the test.
 * @param {{ heartbeat?: [number, number] }} [options]
 */
export async function startStompBroker({ heartbeat = [0, 0] } = {}) {
  const StompServer = require('stomp-broker-js');
  const http = createServer();
  const broker = new StompServer({ server: http, path: '/stomp', heartbeat, heartbeatErrorMargin: 200 });
  const port = await listen(http);
  return {
    url: `ws://127.0.0.1:${port}/stomp`,
    broker,
    close: async () => {
      for (const ws of broker.socket.clients) ws.terminate();
      await closeHttp(http);
    },
  };
}

/**
 * aedes (MQTT 3.1.1) over WebSocket at ws://…/mqtt with the `mqtt` subprotocol.
 * @param {{ authenticate?: (client: unknown, username: string, password: Buffer) => boolean }} [options]
 */
export async function startMqttBroker({ authenticate } = {}) {
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker(
    authenticate
      ? { authenticate: (client, username, password, done) => done(null, authenticate(client, username, password)) }
      : {},
  );
  const http = createServer();
  const wss = new WebSocketServer({
    server: http,
    path: '/mqtt',
    handleProtocols: (p) => (p.has('mqtt') ? 'mqtt' : false),
  });
  wss.on('connection', (ws, req) => broker.handle(createWebSocketStream(ws), req));
  const port = await listen(http);
  return {
    url: `ws://127.0.0.1:${port}/mqtt`,
    broker,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise((resolve) => broker.close(resolve));
      await closeHttp(http);
    },
  };
}

const SCHEMA = `
  type Query { hello(name: String): String, boom: String }
  type Subscription { count(to: Int!): Int }
`;

function graphqlRoots() {
  const { buildSchema } = require('graphql');
  const schema = buildSchema(SCHEMA);
  const roots = {
    query: {
      hello: ({ name }) => `hello ${name ?? 'world'}`,
      boom: () => {
        throw new Error('boom failed');
      },
    },
    subscription: {
      count: async function* ({ to }) {
        for (let i = 1; i <= to; i++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          yield { count: i };
        }
      },
    },
  };
  return { schema, roots };
}

/**
 * A GraphQL over WebSocket server at ws://…/graphql: `graphql-transport-ws` (the graphql-ws
 * library) or the legacy `graphql-ws` protocol (subscriptions-transport-ws, with `ka` every
 * `keepAlive` ms). Schema: `hello(name)`, `boom` (always errors), subscription `count(to)`.
 * @param {{ protocol?: 'graphql-transport-ws' | 'graphql-ws', keepAlive?: number }} [options]
 */
export async function startGraphqlServer({ protocol = 'graphql-transport-ws', keepAlive = 1000 } = {}) {
  const { schema, roots } = graphqlRoots();
  const http = createServer();
  let dispose;
  if (protocol === 'graphql-transport-ws') {
    const { useServer } = require('graphql-ws/use/ws');
    const wss = new WebSocketServer({ server: http, path: '/graphql' });
    const server = useServer({ schema, roots }, wss);
    dispose = async () => {
      await server.dispose();
      wss.close();
    };
  } else {
    const { SubscriptionServer } = require('subscriptions-transport-ws');
    const { execute, subscribe } = require('graphql');
    const server = SubscriptionServer.create(
      { schema, execute, subscribe, rootValue: { ...roots.query, ...roots.subscription }, keepAlive },
      { server: http, path: '/graphql' },
    );
    dispose = async () => server.close();
  }
  const port = await listen(http);
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    close: async () => {
      await dispose();
      await closeHttp(http);
    },
  };
}
