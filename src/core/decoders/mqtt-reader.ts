/** Bounds-checked big-endian reads of MQTT data types (MQTT 5.0 § 1.5). */

/** Thrown inside the MQTT decoder only, and caught there: a packet is shorter than it says. */
export class MqttReadError extends Error {}

export interface MqttReader {
  readonly offset: number;
  readonly remaining: number;
  u8(): number;
  u16(): number;
  u32(): number;
  /** Variable Byte Integer: at most 4 bytes (§ 1.5.5). */
  varint(): number;
  utf8(): string;
  binary(): Uint8Array;
  bytes(length: number): Uint8Array;
  rest(): Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createMqttReader(data: Uint8Array, what = 'packet'): MqttReader {
  let offset = 0;
  const need = (n: number) => {
    if (offset + n > data.length)
      throw new MqttReadError(`${what} ends early: needs ${offset + n - data.length} more byte(s) at offset ${offset}`);
  };
  const reader: MqttReader = {
    get offset() {
      return offset;
    },
    get remaining() {
      return data.length - offset;
    },
    u8() {
      need(1);
      return data[offset++] as number;
    },
    u16() {
      need(2);
      const value = ((data[offset] as number) << 8) | (data[offset + 1] as number);
      offset += 2;
      return value;
    },
    u32() {
      need(4);
      const value =
        (data[offset] as number) * 0x1000000 +
        (((data[offset + 1] as number) << 16) | ((data[offset + 2] as number) << 8) | (data[offset + 3] as number));
      offset += 4;
      return value;
    },
    varint() {
      let value = 0;
      for (let i = 0; i < 4; i++) {
        const byte = reader.u8();
        value += (byte & 0x7f) * 128 ** i;
        if ((byte & 0x80) === 0) return value;
      }
      throw new MqttReadError('variable byte integer longer than 4 bytes');
    },
    utf8() {
      const bytes = reader.binary();
      try {
        return utf8.decode(bytes);
      } catch {
        throw new MqttReadError(`string at offset ${offset - bytes.length} is not valid UTF-8`);
      }
    },
    binary() {
      return reader.bytes(reader.u16());
    },
    bytes(length: number) {
      need(length);
      const out = data.subarray(offset, offset + length);
      offset += length;
      return out;
    },
    rest() {
      return reader.bytes(data.length - offset);
    },
  };
  return reader;
}

export type RemainingLength =
  { readonly value: number; readonly size: number } | { readonly incomplete: true } | { readonly invalid: string };

/** The fixed header's Remaining Length, starting at `offset` (§ 2.1.4). */
export function readRemainingLength(data: Uint8Array, offset: number): RemainingLength {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const byte = data[offset + i];
    if (byte === undefined) return { incomplete: true };
    value += (byte & 0x7f) * 128 ** i;
    if ((byte & 0x80) === 0) return { value, size: i + 1 };
  }
  return { invalid: 'remaining length longer than 4 bytes' };
}
