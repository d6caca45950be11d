import { build } from 'esbuild';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

/**
 * What ships: each session bundles for the extension (esbuild, minified, the extension's
 * targets), holds no eval / new Function (the extension CSP forbids them) and no Node global,
 * and runs in a bare worker-like global (what a service worker or an event page has).
 */
const ENTRIES = {
  'socket-io-session': 12_000,
  'stomp-session': 12_000,
  'mqtt-session': 20_000,
  'graphql-session': 10_000,
  index: 50_000,
};

async function bundle(entry: string, format: 'esm' | 'iife') {
  const result = await build({
    entryPoints: [`src/sessions/${entry}.ts`],
    bundle: true,
    minify: true,
    write: false,
    format,
    ...(format === 'iife' ? { globalName: 'Sessions' } : {}),
    platform: 'browser',
    target: ['chrome148', 'firefox140'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('session bundles', () => {
  it.each(Object.entries(ENTRIES))('%s stays small and CSP-safe', async (entry, budget) => {
    const code = await bundle(entry, 'esm');
    expect(code.length).toBeLessThan(budget);
    expect(code).not.toMatch(/\beval\(|new Function|\bFunction\(|\bBuffer\b|\bprocess\.|\brequire\(/);
  });

  it('runs in a worker-like global without Node globals', async () => {
    const code = await bundle('index', 'iife');
    const sent: unknown[] = [];
    const context = vm.createContext({ TextEncoder, TextDecoder, URL, atob, btoa, setTimeout, clearTimeout, sent });
    vm.runInContext(code, context);
    const result: unknown = vm.runInContext(
      `(() => {
        const created = Sessions.createSession(
          { protocol: 'stomp', host: 'h', login: '', passcode: '', heartBeat: { outgoingMs: 0, incomingMs: 0 } },
          { transport: { send: (p) => sent.push(p), close() {} }, timers: Sessions.systemTimers },
        );
        const session = created.value;
        session.opened();
        session.received({ kind: 'text', text: 'CONNECTED\\nversion:1.2\\n\\n\\0' });
        const ran = session.run({ protocol: 'stomp', type: 'send', destination: '/q', body: 'hi' });
        const wrong = session.run({ protocol: 'mqtt', type: 'disconnect' });
        session.dispose();
        return JSON.stringify({ phase: session.status().phase, ran, wrong, frames: sent.length });
      })()`,
      context,
    );
    expect(JSON.parse(String(result))).toEqual({
      phase: 'ready',
      ran: { ok: true },
      wrong: { ok: false, error: 'a mqtt command cannot run in a stomp session' },
      frames: 2,
    });
  });
});
