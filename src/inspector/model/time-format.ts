/** Time since the socket opened, compact and sortable by eye: +0.012 s, +12.345 s, +2:03.456, -0.004 s (before open). */
export function formatSince(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = ((abs % 60_000) / 1000).toFixed(3).padStart(6, '0');
  if (minutes < 60) return `${sign}${minutes}:${seconds}`;
  return `${sign}${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${seconds}`;
}

/** A span of time for the stats line: 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Time since the row above: 0.412 ms, 12.3 ms, 1.204 s, 2:03.4 — a glance shows bursts and pauses. */
export function formatDelta(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '+';
  if (abs < 10) return `${sign}${abs.toFixed(3)} ms`;
  if (abs < 1000) return `${sign}${abs.toFixed(1)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  return formatSince(ms);
}
