/**
 * For `npm run bench`: N send/expect round trips against an echo endpoint, run by the engine,
 * next to the same N round trips done by hand over the same connector (the baseline), so the
 * engine's cost per step is a ratio measured in one run on one machine.
 */
import type { FlowConnector } from './connector';
import { createFlowEngine } from './engine';
import type { FlowFrame } from './frames';
import type { FlowTimers } from './inbox';
import { loadFlowOrThrow } from './schema';

export interface FlowBenchOptions {
  readonly connector: FlowConnector;
  /** An endpoint that echoes each text message back (the echo server's "/"). */
  readonly url: string;
  readonly pairs: number;
  readonly now?: () => number;
  readonly timers?: FlowTimers;
}

export interface FlowBenchResult {
  readonly pairs: number;
  readonly passed: boolean;
  /** Round trips only: connect and close are outside both figures. */
  readonly engineMs: number;
  readonly rawMs: number;
  readonly engineMsPerStep: number;
  readonly rawMsPerPair: number;
}

export async function benchFlowPairs(options: FlowBenchOptions): Promise<FlowBenchResult> {
  const now = options.now ?? (() => performance.now());
  // A first untimed pass warms the JIT, the connector and the server, so neither figure pays for it.
  await rawRoundTrips(options.connector, options.url, Math.min(options.pairs, 500), now);
  const rawMs = await rawRoundTrips(options.connector, options.url, options.pairs, now);
  const flow = loadFlowOrThrow({
    version: 1,
    name: `bench: ${options.pairs} send/expect pairs`,
    steps: [
      { kind: 'connect', url: options.url },
      {
        kind: 'repeat',
        times: options.pairs,
        steps: [
          { kind: 'send', text: 'bench {{iteration}}' },
          { kind: 'expect', text: 'bench {{iteration}}' },
        ],
      },
      { kind: 'close' },
    ],
  });
  const engine = createFlowEngine({
    connector: options.connector,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const report = await engine.run(flow);
  const engineMs = report.steps[1]?.ms ?? 0;
  return {
    pairs: options.pairs,
    passed: report.passed,
    engineMs,
    rawMs,
    engineMsPerStep: engineMs / (options.pairs * 2),
    rawMsPerPair: rawMs / options.pairs,
  };
}

/** The baseline: send, wait for the echo, N times, with nothing but the connector in between. */
async function rawRoundTrips(connector: FlowConnector, url: string, pairs: number, now: () => number): Promise<number> {
  const socket = connector.connect({ url, protocols: [], headers: {} });
  let onOpen: (ok: boolean) => void = () => {};
  let onFrame: (frame: FlowFrame | null) => void = () => {};
  const opened = new Promise<boolean>((resolve) => (onOpen = resolve));
  socket.listen((event) => {
    if (event.type === 'open') onOpen(true);
    if (event.type === 'frame') onFrame(event.frame);
    if (event.type === 'close') {
      onOpen(false);
      onFrame(null);
    }
  });
  if (!(await opened)) throw new Error(`bench: could not connect to ${url}`);
  const started = now();
  for (let i = 1; i <= pairs; i++) {
    const echoed = new Promise<FlowFrame | null>((resolve) => (onFrame = resolve));
    socket.send({ kind: 'text', text: `bench ${i}` });
    const frame = await echoed;
    if (frame?.kind !== 'text' || frame.text !== `bench ${i}`) throw new Error(`bench: round trip ${i} got no echo`);
  }
  const ms = now() - started;
  socket.close(1000, '');
  return ms;
}
