export interface EchoServer {
  readonly port: number;
  /** ws://127.0.0.1:<port> (no trailing slash) */
  readonly url: string;
  /** http://127.0.0.1:<port> */
  readonly httpUrl: string;
  connections(): number;
  close(): Promise<void>;
}
export function startEchoServer(options?: {
  port?: number;
  host?: string;
  pages?: Record<string, string>;
  headers?: Record<string, string>;
}): Promise<EchoServer>;
