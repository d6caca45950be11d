/** The CLI's connector: real sockets from the `ws` package, which can send handshake headers. */
import WebSocket from 'ws';
import type { FlowConnector, FlowSocketEvent } from '../flow';

/** The largest message accepted, as the echo server has it: beyond it the socket closes with 1009. */
const MAX_PAYLOAD = 64 * 1024 * 1024;

export function createWsConnector(): FlowConnector {
  return {
    connect(spec) {
      const ws = new WebSocket(spec.url, [...spec.protocols], {
        headers: { ...spec.headers },
        maxPayload: MAX_PAYLOAD,
      });
      let listener: (event: FlowSocketEvent) => void = () => {};
      ws.on('open', () => listener({ type: 'open', protocol: ws.protocol }));
      ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        listener({
          type: 'frame',
          frame: isBinary
            ? { kind: 'binary', bytes: new Uint8Array(buffer) }
            : { kind: 'text', text: buffer.toString('utf8') },
        });
      });
      ws.on('error', (error: Error) => listener({ type: 'error', message: error.message }));
      ws.on('close', (code: number, reason: Buffer) =>
        listener({ type: 'close', code, reason: reason.toString('utf8') }),
      );
      return {
        listen: (fn) => void (listener = fn),
        send: (frame) => (frame.kind === 'text' ? ws.send(frame.text) : ws.send(frame.bytes, { binary: true })),
        close: (code, reason) => ws.close(code, reason),
      };
    },
  };
}
