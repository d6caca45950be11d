import type { Runtime } from './browser';
import type { Channel } from '../core/channel';

/** Reads an incoming message into what the receiver works with; null refuses it. */
export type MessageReader<In> = (message: unknown) => In | null;

/** A guard as a reader: the message itself when it passes. */
export const accept =
  <In>(guard: (x: unknown) => x is In): MessageReader<In> =>
  (message) =>
    guard(message) ? message : null;

/**
 * A runtime port as a Channel whose incoming messages pass through a reader: anything it
 * refuses is dropped and counted (the far end may be hostile or from another version).
 */
export function createPortChannel<Out, In>(
  port: Runtime.Port,
  read: MessageReader<In>,
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
        const accepted = read(message);
        if (accepted !== null) listener(accepted);
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
