import type { SocketEvent } from '../../../src/protocol';
import type { ExtensionSession } from './session';

/** The tab whose capture contains a socket created by a document at `frameUrl`. */
export async function captureOf(session: ExtensionSession, frameUrl: string): Promise<{ tabId: number; events: SocketEvent[] } | null> {
  return session.background(
    (debug, url: string) => {
      for (const tabId of debug.captureHub.tabIds()) {
        const events = debug.captureHub.logOf(tabId).all();
        if (events.some((e: { type: string; frameUrl?: string }) => e.type === 'created' && e.frameUrl === url)) return { tabId, events };
      }
      return null;
    },
    frameUrl,
  );
}

/** Polls the capture until `done` says it is complete. */
export async function waitForCapture(
  session: ExtensionSession,
  frameUrl: string,
  done: (events: SocketEvent[]) => boolean,
  timeoutMs = 15_000,
): Promise<{ tabId: number; events: SocketEvent[] }> {
  const deadline = Date.now() + timeoutMs;
  let last: { tabId: number; events: SocketEvent[] } | null = null;
  for (;;) {
    last = await captureOf(session, frameUrl);
    if (last && done(last.events)) return last;
    if (Date.now() > deadline) {
      throw new Error(`capture for ${frameUrl} incomplete after ${timeoutMs} ms: ${JSON.stringify(last?.events ?? null).slice(0, 3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50)); // poll interval
  }
}
