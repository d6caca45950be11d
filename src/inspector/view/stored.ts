/**
 * Layout preferences (column widths, split positions) in localStorage: per extension origin,
 * synchronous (a layout must not jump after first render), and nothing a page can read. Values
 * are read back as unknown and checked by their users; storage that throws (quota, disabled)
 * only loses the preference.
 */
const PREFIX = 'socket-scope.layout.';

export function readStored(key: string): unknown {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // A preference that cannot be kept is only a preference.
  }
}
