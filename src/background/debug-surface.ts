import type { CaptureHub } from './capture-hub';
import type { CaptureLifecycle } from './capture-lifecycle';
import type { ConnectionManager } from './connection-manager';
import type { KeepAlive } from './keep-alive';
import type { OffscreenSockets } from './offscreen-sockets';
import type { PageCommandRouter } from './page-commands';

/**
 * What the e2e tests read and drive in the background (through serviceWorker.evaluate in
 * Chromium, getBackgroundPage() in Firefox): the background's own modules, as they are. Typed,
 * so a test that reaches for something the background no longer has fails to compile.
 */
export interface BackgroundDebug {
  readonly captureHub: CaptureHub;
  readonly capture: CaptureLifecycle;
  readonly connections: ConnectionManager;
  /** Messages refused by a port's guard. */
  readonly rejected: { count: number };
  readonly keepAlive: KeepAlive;
  readonly pageCommands: PageCommandRouter;
  readonly offscreenSockets: OffscreenSockets | null;
  /** When this background instance started: a restart changes it. */
  readonly bootedAt: number;
}

export const DEBUG_GLOBAL = 'socketScopeDebug';

export function exposeDebugSurface(parts: Omit<BackgroundDebug, 'bootedAt'>): void {
  const debug: BackgroundDebug = { ...parts, bootedAt: Date.now() };
  Object.assign(globalThis, { [DEBUG_GLOBAL]: debug });
}
