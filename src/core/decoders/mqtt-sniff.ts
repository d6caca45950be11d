import { readRemainingLength } from './mqtt-reader';

const FLAGS_0010 = new Set([6, 8, 10]);

/**
 * True when the bytes are a whole number of well-formed MQTT fixed headers and bodies (or the
 * frame was cut inside the last one). A CONNECT must name MQTT or MQIsdp.
 */
export function looksLikeMqtt(bytes: Uint8Array, truncated: boolean): boolean {
  let pos = 0;
  let packets = 0;
  while (pos < bytes.length && packets < 100) {
    const first = bytes[pos] as number;
    const type = first >> 4;
    const flags = first & 0x0f;
    if (type === 0) return false;
    if (type === 3 ? ((flags >> 1) & 3) === 3 : flags !== (FLAGS_0010.has(type) ? 2 : 0)) return false;
    const length = readRemainingLength(bytes, pos + 1);
    if (!('value' in length)) return false;
    const start = pos + 1 + length.size;
    if (type === 1) {
      const name = String.fromCharCode(...bytes.subarray(start + 2, start + 8));
      if (!name.startsWith('MQTT') && name !== 'MQIsdp') return false;
    }
    pos = start + length.value;
    packets++;
  }
  return pos === bytes.length || (truncated && pos > bytes.length);
}
