// Local WebSocket test server, used by the tests and by `npm start`. Loopback only.
//
// WebSocket routes (any HTTP path not under a static prefix):
//   /            echo: text back as text, binary back as binary, byte for byte
//   /close       ?code=4000&reason=bye  close right after the handshake with that code/reason
//   /burst       ?count=N&size=S        send N text frames ("burst 1 ...") on open, then echo
//   /silent      accept and never send anything (for idle/keep-alive tests)
//   /reject      ?status=403            refuse the handshake with that HTTP status
//   /headers     send the request headers received in the handshake as one JSON text frame
//   /vanish      on the first message, send half a frame and drop the TCP connection
//   /stream      ?rate=10000&seconds=10  a steady feed of small JSON frames, then close 1000
// A requested subprotocol is negotiated: the first one the client offers is accepted.
// Static files: GET <prefix>/<file> for each { prefix: dir } in `pages`.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WebSocketServer } from 'ws';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/**
 * @param {{ port?: number, host?: string, pages?: Record<string, string>, headers?: Record<string, string> }} [options]
 *   `headers` are extra HTTP response headers for static pages (e.g. a strict CSP).
 * @returns {Promise<{ port: number, url: string, httpUrl: string, connections: () => number, close: () => Promise<void> }>}
 */
export async function startEchoServer({ port = 0, host = '127.0.0.1', pages = {}, headers = {} } = {}) {
  const http = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const [prefix, dir] of Object.entries(pages)) {
      if (!url.pathname.startsWith(prefix + '/')) continue;
      const file = path.join(dir, path.normalize(url.pathname.slice(prefix.length)).replace(/^(\.\.[/\\])+/, ''));
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
      return;
    }
    res
      .writeHead(426, { 'content-type': 'text/plain' })
      .end('Socket Scope echo server: connect with a WebSocket client\n');
  });

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
    maxPayload: 64 * 1024 * 1024,
  });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/reject') {
      const status = Number(url.searchParams.get('status') ?? 403);
      socket.end(`HTTP/1.1 ${status} Rejected\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, url));
  });

  /** @param {import('ws').WebSocket} ws */
  function onConnection(ws, req, url) {
    const route = url.pathname;
    if (route === '/silent') return;
    if (route === '/vanish') {
      // The server dies in the middle of a frame: a text frame header announcing 256 bytes,
      // 3 of them, then the TCP connection is gone (no close frame).
      ws.once('message', () => {
        const raw = /** @type {import('node:net').Socket} */ (/** @type {any} */ (ws)._socket);
        raw.write(Buffer.from([0x81, 0x7e, 0x01, 0x00, 0x61, 0x62, 0x63]));
        raw.destroy();
      });
      return;
    }
    if (route === '/close') {
      ws.close(Number(url.searchParams.get('code') ?? 1000), url.searchParams.get('reason') ?? '');
      return;
    }
    if (route === '/headers') ws.send(JSON.stringify(req.headers));
    if (route === '/stream') {
      // A steady feed: `rate` frames per second for `seconds`, sent every 10 ms, then a close.
      const rate = Math.min(Number(url.searchParams.get('rate') ?? 1000), 100_000);
      const seconds = Math.min(Number(url.searchParams.get('seconds') ?? 10), 120);
      const perTick = Math.max(1, Math.round(rate / 100));
      let sent = 0;
      const total = rate * seconds;
      const timer = setInterval(() => {
        for (let i = 0; i < perTick && sent < total; i++)
          ws.send(`{"seq":${++sent},"price":${(100 + Math.sin(sent) * 5).toFixed(3)}}`);
        if (sent >= total) {
          clearInterval(timer);
          ws.close(1000, 'stream done');
        }
      }, 10);
      ws.on('close', () => clearInterval(timer));
    }
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    if (route === '/burst') {
      const count = Math.min(Number(url.searchParams.get('count') ?? 100), 1_000_000);
      const size = Math.min(Number(url.searchParams.get('size') ?? 0), 1024 * 1024);
      const pad = 'x'.repeat(size);
      for (let i = 1; i <= count; i++) ws.send(`burst ${i}${pad}`);
    }
  }

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const actualPort = /** @type {import('node:net').AddressInfo} */ (http.address()).port;
  return {
    port: actualPort,
    url: `ws://${host}:${actualPort}`,
    httpUrl: `http://${host}:${actualPort}`,
    connections: () => wss.clients.size,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(() => resolve(undefined)));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(() => resolve(undefined)));
    },
  };
}
