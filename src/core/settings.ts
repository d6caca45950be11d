import type { EventLogLimits } from './event-log';

/** User settings, kept in storage.local under SETTINGS_KEY (set from the panel). */
export interface Settings {
  /** Keep a tab's capture across navigation and reload (the Network panel's "Preserve log"). */
  readonly preserveLog: boolean;
  /** Per-tab capture cap in frames; older frames beyond it are dropped and counted. */
  readonly captureMaxFrames: number;
  /** Per-tab capture cap in MiB of payload. */
  readonly captureMaxMegabytes: number;
}

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = { preserveLog: false, captureMaxFrames: 100_000, captureMaxMegabytes: 256 };

const BOUNDS = { captureMaxFrames: [100, 2_000_000], captureMaxMegabytes: [1, 2_048] } as const;

const clampInt = (x: unknown, [min, max]: readonly [number, number], fallback: number) =>
  typeof x === 'number' && Number.isFinite(x) ? Math.min(max, Math.max(min, Math.round(x))) : fallback;

/** Whatever storage holds (old versions, hand edits), as valid settings. */
export function sanitizeSettings(x: unknown): Settings {
  const r = typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {};
  return {
    preserveLog: typeof r.preserveLog === 'boolean' ? r.preserveLog : DEFAULT_SETTINGS.preserveLog,
    captureMaxFrames: clampInt(r.captureMaxFrames, BOUNDS.captureMaxFrames, DEFAULT_SETTINGS.captureMaxFrames),
    captureMaxMegabytes: clampInt(
      r.captureMaxMegabytes,
      BOUNDS.captureMaxMegabytes,
      DEFAULT_SETTINGS.captureMaxMegabytes,
    ),
  };
}

export function captureLimits(settings: Settings): EventLogLimits {
  return {
    maxFrames: settings.captureMaxFrames,
    maxBytes: settings.captureMaxMegabytes * 1024 * 1024,
    maxLifecycleEvents: 20_000,
  };
}

/** The document a page socket belongs to: the hook names sockets `<document id>.<n>`. */
export function documentOf(socketId: string): string {
  const dot = socketId.lastIndexOf('.');
  return dot < 0 ? socketId : socketId.slice(0, dot);
}
