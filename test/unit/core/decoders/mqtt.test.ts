import { describe, expect, it } from 'vitest';
import { chooseDecoder, decodeMqtt } from '../../../../src/core/decoders';
import { binary, bytesOf, contextOf, frame, loadFixture, text } from './fixtures';

const fixture = loadFixture('mqtt');
const field = (result: ReturnType<typeof decodeMqtt>, name: string) =>
  result.fields.find((f) => f.name === name)?.value;

describe('MQTT decoder on packets from mqtt-packet (3.1, 3.1.1 and 5.0)', () => {
  it.each(fixture.frames.map((f) => [f.name, f] as const))(
    '%s: no error with or without the version known',
    (_name, f) => {
      expect(chooseDecoder(contextOf(f), f.payload).id).toBe('mqtt');
      expect(decodeMqtt(f.payload, contextOf(f)).error).toBeUndefined();
      const { mqttVersion: _known, ...unknownVersion } = contextOf(f);
      expect(decodeMqtt(f.payload, unknownVersion).error).toBeUndefined();
    },
  );

  it('covers all 15 packet types', () => {
    const types = new Set(fixture.frames.map((f) => decodeMqtt(f.payload, contextOf(f)).type));
    for (const t of [
      'CONNECT',
      'CONNACK',
      'PUBLISH',
      'PUBACK',
      'PUBREC',
      'PUBREL',
      'PUBCOMP',
      'SUBSCRIBE',
      'SUBACK',
      'UNSUBSCRIBE',
      'UNSUBACK',
      'PINGREQ',
      'PINGRESP',
      'DISCONNECT',
      'AUTH',
    ]) {
      expect(types, t).toContain(t);
    }
  });

  it('reads back PUBLISH topic, qos, packet id and payload size as encoded', () => {
    for (const f of fixture.frames.filter((x) => x.input?.cmd === 'publish')) {
      const input = f.input as { topic: string; qos: number; messageId?: number; payload: { base64: string } };
      const result = decodeMqtt(f.payload, contextOf(f));
      expect(field(result, 'topic'), f.name).toBe(input.topic);
      expect(field(result, 'qos'), f.name).toBe(String(input.qos));
      expect(field(result, 'packet id'), f.name).toBe(
        input.messageId === undefined ? undefined : String(input.messageId),
      );
      const size = Buffer.from(input.payload.base64, 'base64').length;
      expect(result.summary, f.name).toContain(size < 1024 ? `(${size} B)` : 'KiB)');
    }
  });

  it.each([
    ['mqtt4 publish', 'PUBLISH sensors/1 qos1 (24 B)'],
    ['mqtt4 connect', 'CONNECT scope-4 v3.1.1 clean keepalive=30 user=bob will=status'],
    ['mqtt4 connack refused', 'CONNACK refused: not authorized'],
    ['mqtt4 subscribe', 'SUBSCRIBE #1 sensors/# qos1, chat/+ qos2'],
    ['mqtt5 publish qos2 retain dup', 'PUBLISH a/b qos2 retain dup (4 B)'],
    ['mqtt5 puback', 'PUBACK #17 No matching subscribers'],
    ['mqtt5 suback', 'SUBACK #2 qos1, Failure'],
    ['mqtt5 unsuback', 'UNSUBACK #3 Success, No subscription existed'],
    ['mqtt5 disconnect', 'DISCONNECT Disconnect with Will Message'],
    ['mqtt5 auth', 'AUTH Continue authentication method=SCRAM-SHA-1'],
    ['mqtt4 two packets in one frame', 'PUBACK #1 | PINGREQ'],
  ])('%s → %s', (name, summary) => {
    const f = frame(fixture, name);
    expect(decodeMqtt(f.payload, contextOf(f)).summary).toBe(summary);
  });

  it('decodes MQTT 5 properties, user properties and will properties', () => {
    const connect = decodeMqtt(frame(fixture, 'mqtt5 connect').payload, {});
    expect(field(connect, 'sessionExpiryInterval')).toBe('3600');
    expect(field(connect, 'userProperty')).toBe('app=socket-scope');
    expect(field(connect, 'will contentType')).toBe('text/plain');
    expect(field(connect, 'password')).toBe('6 bytes (hidden)');
    const publish = decodeMqtt(frame(fixture, 'mqtt5 publish').payload, { mqttVersion: 5 });
    expect(field(publish, 'contentType')).toBe('application/json');
    expect(field(publish, 'correlationData')).toBe('base64:AQID');
    expect(publish.body).toEqual({ temperature: 21.5 });
  });

  it('every proper prefix of every packet is reported as malformed, never thrown', () => {
    for (const f of fixture.frames) {
      const bytes = bytesOf(f.payload);
      for (let end = 0; end < bytes.length; end++) {
        const result = decodeMqtt(binary(bytes.subarray(0, end)), contextOf(f));
        // A prefix that happens to end on a packet boundary (two packets in one frame) is valid.
        if (f.name.includes('two packets') && end === 4) continue;
        expect(result.error, `${f.name} [0, ${end})`).toBeTruthy();
      }
    }
  });

  it.each([
    [[], 'empty frame'],
    [[0x00, 0x00], 'reserved packet type 0'],
    [[0x30, 0xff, 0xff, 0xff, 0xff, 0x7f], 'remaining length longer than 4 bytes'],
    [[0x30, 0xff, 0xff, 0xff, 0x7f, 0x00], 'PUBLISH ends early'],
    [[0x36, 0x00], 'PUBLISH with QoS 3'],
    [[0xc1, 0x00], 'reserved flags of PINGREQ must be 0000'],
    [[0x30, 0x05, 0xff, 0xff, 0x61, 0x62, 0x63], 'PUBLISH: PUBLISH ends early'],
    [[0x90, 0x03, 0x00, 0x01], 'SUBACK ends early'],
    [[0x20, 0x04, 0x00, 0x00, 0x01, 0x7f], 'CONNACK: unknown property id 0x7f'],
    [[0x20, 0x04, 0x00, 0x00, 0x03, 0x11], 'CONNACK: properties length 3 runs past the packet'],
    [[0x10, 0x04, 0x00, 0x02, 0x41, 0x42], 'CONNECT: CONNECT ends early'],
  ])('%j → %s', (bytes, error) => {
    const result = decodeMqtt(binary(bytes), {});
    expect(result.error).toContain(error);
  });

  it('rejects bytes after a 3.1.1 packet, but reads them as a reason code when the version is unknown', () => {
    const puback = binary([0x40, 0x03, 0x00, 0x01, 0x00]);
    expect(decodeMqtt(puback, { mqttVersion: 4 }).error).toContain('PUBACK: 1 unexpected byte(s)');
    const guessed = decodeMqtt(puback, {});
    expect(guessed.error).toBeUndefined();
    expect(field(guessed, 'MQTT version')).toBe('5.0 (guessed)');
  });

  it('says a text frame is not MQTT', () => {
    expect(decodeMqtt(text('CONNECT'), {}).error).toContain('binary');
  });

  it('reads a PUBLISH header from the first bytes of a frame larger than the decode limit', () => {
    const payload = new Uint8Array(16 * 1024 * 1024 + 20);
    const header = [0x30, 0x8e, 0x80, 0x80, 0x08, 0x00, 0x03, 0x62, 0x69, 0x67]; // remaining length 16 MiB + 14
    payload.set(header);
    const started = performance.now();
    const result = decodeMqtt(binary(payload.subarray(0, 16 * 1024 * 1024 + 19)), { maxBytes: 16 * 1024 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.summary).toMatch(/^PUBLISH big qos0 \(≥ 16\.0 MiB\)$/);
    expect(result.truncated).toBe(true);
  });
});
