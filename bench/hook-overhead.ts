import type { EchoServer } from '../server/echo-server.mjs';
import type { ExtensionSession } from '../test/e2e/harness/session';

export interface Throughput {
  readonly ms: number;
  readonly perSecond: number;
  readonly bytesPerSecond: number;
}
export interface Latency {
  readonly mean: number;
  readonly median: number;
  readonly p99: number;
}

/** Runs the echo page once in a session and returns the page's own measurement. */
export async function runEchoPage<T>(session: ExtensionSession, server: EchoServer, query: string): Promise<T> {
  const page = await session.openPage(`${server.httpUrl}/pages/bench-echo.html?${query}`);
  const text = await page.waitFor(() => page.evaluate(() => document.getElementById('result')?.textContent ?? '', null), null, 300_000);
  await page.close();
  return JSON.parse(text) as T;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Throughput with the hook vs. without, alternating runs so that machine noise hits both
 * alike; the ratio of medians is the figure (budget ≥ 0.95).
 */
export async function compareThroughput(
  withHook: ExtensionSession,
  without: ExtensionSession,
  server: EchoServer,
  query: string,
  runs: number,
): Promise<{ with: number; without: number; ratio: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push((await runEchoPage<Throughput>(without, server, query)).perSecond);
    a.push((await runEchoPage<Throughput>(withHook, server, query)).perSecond);
  }
  const w = median(a);
  const wo = median(b);
  return { with: w, without: wo, ratio: w / wo };
}
