import type { HandshakeHeader } from '../protocol';

/** Headers the browser writes itself for the WebSocket handshake: a rule must not touch them. */
const BROWSER_OWNED = new Set([
  'host',
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'content-length',
]);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** "Name: value" lines (blank lines ignored) → headers, or what is wrong with which line. */
export function parseHeaderLines(
  input: string,
): { ok: true; headers: HandshakeHeader[] } | { ok: false; error: string } {
  const headers: HandshakeHeader[] = [];
  for (const [i, raw] of input.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!TOKEN.test(name)) return { ok: false, error: `Header line ${i + 1}: write it as "Name: value"` };
    if (BROWSER_OWNED.has(name.toLowerCase())) {
      const hint = name.toLowerCase() === 'sec-websocket-protocol' ? ' (use the Subprotocols field)' : '';
      return { ok: false, error: `Header line ${i + 1}: ${name} is set by the browser for the handshake${hint}` };
    }
    const value = line.slice(colon + 1).trim();
    // eslint-disable-next-line no-control-regex -- matching the controls is the point
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
      return { ok: false, error: `Header line ${i + 1}: the value has control characters` };
    headers.push({ name, value });
  }
  return { ok: true, headers };
}

/** The host permission to ask for: this origin only (any port; ws ↔ http, wss ↔ https). */
export function hostPermissionFor(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `${url.protocol === 'wss:' ? 'https' : 'http'}://${url.hostname}/*`;
}

/**
 * A declarativeNetRequest session rule that sets `headers` on the WebSocket handshake to this
 * URL only. The filter has no scheme anchor: Firefox matches WebSocket requests by their
 * http(s) form, Chromium by ws(s).
 */
export function headerRule(id: number, wsUrl: string, headers: readonly HandshakeHeader[]) {
  const url = new URL(wsUrl);
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders' as const,
      requestHeaders: headers.map((h) => ({ header: h.name, operation: 'set' as const, value: h.value })),
    },
    condition: {
      urlFilter: `||${url.host}${url.pathname}${url.search}`,
      requestDomains: [url.hostname.replace(/^\[|\]$/g, '')],
      resourceTypes: ['websocket' as const],
    },
  };
}
