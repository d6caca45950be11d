/**
 * How the engine reaches a server: a connector it is given, never a WebSocket it makes. The
 * extension's background passes one over its own connections (so a flow's traffic shows in the
 * popup's log); the CLI passes one over the `ws` package; tests pass in-memory sockets.
 */
import type { FlowFrame } from './frames';

export interface ConnectSpec {
  readonly url: string;
  readonly protocols: readonly string[];
  /** Handshake headers (only where the connector can set them: the CLI, the extension in Chrome). */
  readonly headers: Readonly<Record<string, string>>;
}

export type FlowSocketEvent =
  | { readonly type: 'open'; readonly protocol: string }
  | { readonly type: 'frame'; readonly frame: FlowFrame }
  /** A failure (refused handshake, network error); a close event must still follow it. */
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'close'; readonly code: number; readonly reason: string };

export interface FlowSocket {
  /** Events in the order they happened; set once, before the socket can deliver any. */
  listen(listener: (event: FlowSocketEvent) => void): void;
  send(frame: FlowFrame): void;
  close(code: number, reason: string): void;
}

export interface FlowConnector {
  /** Starts connecting; `open` or `error` + `close` follow through the socket's listener. */
  connect(spec: ConnectSpec): FlowSocket;
}
