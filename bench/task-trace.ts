import type { Page as PlaywrightPage } from 'playwright-core';

/** The longest main-thread task of a page, in wall-clock time and in the thread's own CPU time. */
export interface LongestTask {
  readonly wallMs: number;
  readonly cpuMs: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: {
    readonly name?: string;
    readonly data?: { readonly frames?: readonly { readonly url?: string; readonly processId?: number }[] };
  };
}

const isPlaywrightPage = (raw: unknown): raw is PlaywrightPage =>
  typeof (raw as { context?: unknown }).context === 'function';

/**
 * Chromium: traces `during` with the DevTools protocol and returns the page's longest
 * main-thread task (RunTask), both as wall-clock time (what the long-task observer reports) and
 * as the thread's CPU time. On a loaded two-core machine the two differ a lot: a task whose own
 * work took 20 ms can span 90 ms because the OS gave the CPU to another process meanwhile.
 * Null for Firefox, which has no such protocol here.
 */
export async function traceLongestTask(raw: unknown, during: () => Promise<void>): Promise<LongestTask | null> {
  if (!isPlaywrightPage(raw)) {
    await during();
    return null;
  }
  const cdp = await raw.context().newCDPSession(raw);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => {});
  }
  // The page's renderer: the process the browser lists for its main frame's URL.
  const url = raw.url();
  const pid = events
    .filter((e) => e.name === 'TracingStartedInBrowser')
    .flatMap((e) => e.args?.data?.frames ?? [])
    .find((f) => f.url === url)?.processId;
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain',
  );
  if (!main) throw new Error(`no renderer main thread found in the trace for ${url}`);
  let wall = 0;
  let cpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.pid !== main.pid || e.tid !== main.tid) continue;
    wall = Math.max(wall, (e.dur ?? 0) / 1000);
    cpu = Math.max(cpu, (e.tdur ?? 0) / 1000);
  }
  return { wallMs: wall, cpuMs: cpu };
}

interface ScriptEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly data?: { readonly url?: string } };
}

/**
 * Chromium: traces `during` and returns each evaluation of a script whose URL ends with
 * `urlSuffix` (the trace's EvaluateScript event: compile and run), as wall-clock and thread
 * (CPU) time in ms. Null for Firefox.
 */
export async function traceScriptRuns(
  raw: unknown,
  urlSuffix: string,
  during: () => Promise<void>,
): Promise<{ wallMs: number; cpuMs: number }[] | null> {
  if (!isPlaywrightPage(raw)) {
    await during();
    return null;
  }
  const cdp = await raw.context().newCDPSession(raw);
  const events: ScriptEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as ScriptEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8', transferMode: 'ReportEvents' });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => {});
  }
  return events
    .filter((e) => e.ph === 'X' && e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(urlSuffix))
    .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}
