export interface ProtocolServer {
  /** Where a client connects: http:// for socket.io (see engineIoUrl), ws:// for the others. */
  readonly url: string;
  close(): Promise<void>;
}
export function startSocketIoServer(options?: {
  version?: 2 | 4;
  pingInterval?: number;
  pingTimeout?: number;
}): Promise<ProtocolServer>;
export interface StompBrokerServer extends ProtocolServer {
  /** stomp-broker-js's StompServer: `broker.send(destination, headers, body)` delivers to subscribers. */
  readonly broker: { send(destination: string, headers: Record<string, string>, body: string): void };
}
export function startStompBroker(options?: { heartbeat?: [number, number] }): Promise<StompBrokerServer>;
export interface MqttBrokerServer extends ProtocolServer {
  readonly broker: unknown;
}
export function startMqttBroker(options?: {
  authenticate?: (client: unknown, username: string, password: Uint8Array) => boolean;
}): Promise<MqttBrokerServer>;
export function startGraphqlServer(options?: {
  protocol?: 'graphql-transport-ws' | 'graphql-ws';
  keepAlive?: number;
}): Promise<ProtocolServer>;
