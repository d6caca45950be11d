/** Meanings of WebSocket close codes (RFC 6455 §7.4.1 and the IANA registry). */
const MEANINGS: Record<number, string> = {
  1000: 'Normal closure',
  1001: 'Going away',
  1002: 'Protocol error',
  1003: 'Unsupported data',
  1005: 'No status received',
  1006: 'Abnormal closure (no close frame: refused, dropped or failed handshake)',
  1007: 'Invalid frame payload data',
  1008: 'Policy violation',
  1009: 'Message too big',
  1010: 'Mandatory extension missing',
  1011: 'Internal server error',
  1012: 'Service restart',
  1013: 'Try again later',
  1014: 'Bad gateway',
  1015: 'TLS handshake failure',
};

export function describeCloseCode(code: number): string {
  const known = MEANINGS[code];
  if (known) return known;
  if (code >= 3000 && code <= 3999) return 'Registered for libraries and frameworks';
  if (code >= 4000 && code <= 4999) return 'Application-defined';
  return 'Unknown code';
}

/** What `WebSocket.close()` accepts from a script: 1000 or 3000–4999, reason ≤ 123 UTF-8 bytes. */
export function checkCloseRequest(code: number, reason: string): string | null {
  if (!Number.isInteger(code) || (code !== 1000 && (code < 3000 || code > 4999))) {
    return `Close code ${code} is not allowed: use 1000 or 3000–4999`;
  }
  if (new TextEncoder().encode(reason).length > 123) return 'The close reason must be at most 123 UTF-8 bytes';
  return null;
}
