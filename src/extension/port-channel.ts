import type { Runtime } from './browser';
import type { Channel } from '../core/channel';

/**
 * A runtime port as a Channel whose incoming messages pass through a guard: anything that fails
 * it is dropped and counted (the far end may be hostile or from another version).
 */
export function createPortChannel<Out, In>(
  port: Runtime.Port,
  isIncoming: (x: unknown) => x is In,
  onRejected: (message: unknown) => void = () => {},
): Channel<Out, In> {
  let connected = true;
  port.onDisconnect.addListener(() => {
    connected = false;
  });
  return {
    post(message) {
      // Posting on a port whose far end vanished throws; the disconnect listener reports it.
      if (connected) port.postMessage(message);
    },
    onMessage(listener) {
      const wrapped = (message: unknown) => {
        if (isIncoming(message)) listener(message);
        else onRejected(message);
      };
      port.onMessage.addListener(wrapped);
      return () => port.onMessage.removeListener(wrapped);
    },
    onDisconnect(listener) {
      const wrapped = () => listener();
      port.onDisconnect.addListener(wrapped);
      return () => port.onDisconnect.removeListener(wrapped);
    },
    close() {
      connected = false;
      port.disconnect();
    },
  };
}
