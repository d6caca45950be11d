import type { TimerSlots } from './timers';

/**
 * Engine.IO's heartbeat (engine.io-protocol § Heartbeat). Engine.IO 4: the server pings, the
 * client answers and gives up after pingInterval + pingTimeout without a ping (as
 * engine.io-client, only a ping or the open packet restarts the wait). Engine.IO 3: the client
 * pings every pingInterval and gives up when no pong comes within pingTimeout.
 */
export interface EngineHeartbeat {
  /** The open packet's timings: starts the wait (v4) or the pings (v3). */
  start(pingInterval: number, pingTimeout: number): void;
  /** A server ping: answered with a pong carrying the same data. */
  ping(data: string): void;
  pong(): void;
  readonly sent: number;
  readonly received: number;
}

export function createEngineHeartbeat(
  engineIo: 3 | 4,
  slots: TimerSlots,
  send: (text: string) => void,
  onTimeout: (message: string) => void,
): EngineHeartbeat {
  let interval = 0;
  let timeout = 0;
  let sent = 0;
  let received = 0;
  const awaitPing = () =>
    slots.set('server-silence', interval + timeout, () =>
      onTimeout(`ping timeout: no ping from the server for ${interval + timeout} ms`),
    );
  const schedulePing = () =>
    slots.set('client-ping', interval, () => {
      send('2');
      sent++;
      slots.set('pong-wait', timeout, () => onTimeout(`ping timeout: no pong within ${timeout} ms`));
      schedulePing();
    });
  return {
    start(pingInterval, pingTimeout) {
      interval = pingInterval;
      timeout = pingTimeout;
      if (engineIo === 4) awaitPing();
      else schedulePing();
    },
    ping(data) {
      received++;
      send(`3${data}`);
      sent++;
      if (engineIo === 4 && interval > 0) awaitPing();
    },
    pong() {
      received++;
      slots.clear('pong-wait');
    },
    get sent() {
      return sent;
    },
    get received() {
      return received;
    },
  };
}
