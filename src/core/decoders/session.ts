import type { Direction, WirePayload } from '../../protocol';
import { chooseDecoder, type DecoderChoice } from './choose';
import { decodeWith } from './registry';
import type { DecodeContext, DecodeResult, DecoderId } from './types';

export interface SocketDecoding {
  /** The decoder in use: chosen automatically until `setDecoder` picks one by hand. */
  readonly choice: DecoderChoice | null;
  /** Pick a decoder by hand, or 'auto' to go back to the automatic choice. */
  setDecoder(id: DecoderId | 'auto'): void;
  decode(payload: WirePayload, direction: Direction, maxBytes?: number): DecodeResult;
}

/**
 * Decoding state of one socket: keeps the automatic choice stable once content has decided it
 * (a Socket.IO ping "2" alone looks like nothing), and learns what later frames depend on
 * (the MQTT version from CONNECT). Not pure: one per socket, owned by a store.
 */
export function createSocketDecoding(socket: { readonly url: string; readonly protocol: string }): SocketDecoding {
  let manual: DecoderChoice | null = null;
  let automatic: DecoderChoice | null = chooseDecoder(socket);
  let mqttVersion: DecodeContext['mqttVersion'];
  return {
    get choice() {
      return manual ?? automatic;
    },
    setDecoder(id) {
      manual = id === 'auto' ? null : { id, reason: 'manual', detail: 'chosen by hand' };
    },
    decode(payload, direction, maxBytes) {
      const context: DecodeContext = {
        url: socket.url,
        protocol: socket.protocol,
        direction,
        ...(maxBytes === undefined ? {} : { maxBytes }),
        ...(mqttVersion ? { mqttVersion } : {}),
      };
      let choice = manual ?? automatic;
      if (!choice) {
        choice = chooseDecoder(context, payload);
        if (choice.reason === 'content') automatic = choice;
      }
      const result = decodeWith(choice.id, payload, context);
      if (result.decoder === 'mqtt' && result.type === 'CONNECT' && !result.error) {
        const level = result.fields.find((f) => f.name === 'protocol')?.value.match(/level (\d+)/)?.[1];
        if (level === '3' || level === '4' || level === '5') mqttVersion = Number(level) as 3 | 4 | 5;
      }
      return result;
    },
  };
}
