import type { SocketEvent } from '../../../src/protocol';
import type { ExtensionSession } from './session';

/** The tab whose capture contains a socket created by a document at `frameUrl`. */
export async function captureOf(
  session: ExtensionSession,
  frameUrl: string,
): Promise<{ tabId: number; events: SocketEvent[] } | null> {
  return session.background((debug, url: string) => {
    for (const tabId of debug.captureHub.tabIds()) {
      const events = debug.captureHub.logOf(tabId)!.all();
      if (events.some((e: { type: string; frameUrl?: string }) => e.type === 'created' && e.frameUrl === url))
        return { tabId, events };
    }
    return null;
  }, frameUrl);
}

/** Polls the capture until `done` says it is complete. */
export async function waitForCapture(
  session: ExtensionSession,
  frameUrl: string,
  done: (events: SocketEvent[]) => boolean,
  timeoutMs = 15_000,
): Promise<{ tabId: number; events: SocketEvent[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await captureOf(session, frameUrl);
    if (last && done(last.events)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `capture for ${frameUrl} incomplete after ${timeoutMs} ms: ${JSON.stringify(last?.events ?? null).slice(0, 3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50)); // poll interval
  }
}

export interface CaptureSummary {
  readonly tabId: number;
  readonly frames: number;
  readonly dropped: number;
  /** Count of kept events by type. */
  readonly types: Record<string, number>;
}

/** Like waitForCapture, but only counts cross the wire: for captures of 100,000 frames. */
export async function waitForCaptureSummary(
  session: ExtensionSession,
  frameUrl: string,
  done: (summary: CaptureSummary) => boolean,
  timeoutMs = 30_000,
): Promise<CaptureSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last: CaptureSummary | null = await session.background((debug, url: string) => {
      for (const tabId of debug.captureHub.tabIds()) {
        const log = debug.captureHub.logOf(tabId)!;
        const events = log.all() as { type: string; frameUrl?: string }[];
        if (!events.some((e) => e.type === 'created' && e.frameUrl === url)) continue;
        const types: Record<string, number> = {};
        for (const e of events) types[e.type] = (types[e.type] ?? 0) + 1;
        return { tabId, frames: log.frameCount, dropped: log.dropped, types };
      }
      return null;
    }, frameUrl);
    if (last && done(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`capture for ${frameUrl} incomplete after ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval
  }
}
