import { describe, expect, it } from 'vitest';
import { chooseDecoder, DECODERS, decodeWith } from '../../../../src/core/decoders';
import { ROW_LIMIT_BYTES, TRUNCATED_VALUE } from '../../../../src/core/payload-views';
import type { WirePayload } from '../../../../src/protocol';
import { text } from './fixtures';

const MiB = 1024 * 1024;
const big = 'x'.repeat(16 * MiB);
const rowContext = { maxBytes: ROW_LIMIT_BYTES };

/** Runs `fn` and returns its time in ms. A 16 MiB JSON.parse alone takes far longer than the bound. */
function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

describe('16 MiB frames: row summaries read only the first KiB', () => {
  const cases: readonly (readonly [string, WirePayload, string])[] = [
    ['socket.io', text(`42["upload",{"name":"a","data":"${big}"}]`), 'EVENT upload [{"name":"a","data":…}]'],
    ['graphql', text(`{"id":"7","type":"next","payload":{"data":"${big}"}}`), 'next #7 {"data":…}'],
    ['json-rpc', text(`{"jsonrpc":"2.0","id":3,"result":"${big}"}`), 'result #3 …'],
    ['phoenix', text(`["1","2","room:a","big",{"d":"${big}"}]`), 'big room:a #2 {"d":…}'],
    ['stomp', text(`SEND\ndestination:/queue/a\ncontent-length:${big.length}\n\n${big}\0`), 'SEND /queue/a (16.0 MiB)'],
    ['sockjs', text(`a["${big}"]`), ''],
    ['signalr', text(`{"type":1,"target":"Big","arguments":["${big}"]}\x1e`), 'Invocation Big […]'],
    ['json', text(`{"a":1,"b":"${big}"}`), '{"a":1,"b":…}'],
  ];

  it.each(cases)('%s', (id, payload, summary) => {
    const [result, ms] = timed(() => decodeWith(id as Parameters<typeof decodeWith>[0], payload, rowContext));
    expect(ms).toBeLessThan(200);
    expect(result.truncated).toBe(true);
    if (summary) expect(result.summary).toBe(summary);
    expect(result.error).toBeUndefined();
  });

  it('values past the limit are TRUNCATED_VALUE in the body', () => {
    const result = decodeWith('json', text(`{"a":1,"b":"${big}"}`), rowContext);
    expect(result.body).toEqual({ a: 1, b: TRUNCATED_VALUE });
  });

  it('every decoder, and the automatic choice, stay fast on a 16 MiB text and binary frame', () => {
    const binaryPayload: WirePayload = { kind: 'binary', base64: Buffer.alloc(16 * MiB, 0x41).toString('base64') };
    for (const payload of [text(big), binaryPayload]) {
      const [, chooseMs] = timed(() => chooseDecoder({}, payload));
      expect(chooseMs).toBeLessThan(200);
      for (const decoder of DECODERS) {
        const [, ms] = timed(() => decoder.decode(payload, rowContext));
        expect(ms, decoder.id).toBeLessThan(200);
      }
    }
  });
});
