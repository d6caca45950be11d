/** Validation of a user-typed WebSocket endpoint, with messages that say what to do. */

export type UrlCheck = { ok: true; url: string; note?: string } | { ok: false; error: string };

const NO_HOST = 'The URL has no host: write it as ws://host:port/path';

export function checkWebSocketUrl(input: string): UrlCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: 'Enter a WebSocket URL, e.g. ws://127.0.0.1:8080/' };
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    return { ok: false, error: `"${trimmed}" is not an absolute URL: start it with ws:// or wss://` };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    // ws(s)/http(s) are special schemes: the parser itself rejects an empty host.
    if (/^(wss?|https?):\/\/([:/?#]|$)/i.test(trimmed)) return { ok: false, error: NO_HOST };
    return { ok: false, error: `"${trimmed}" is not a valid URL` };
  }
  let note: string | undefined;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    const scheme = parsed.protocol === 'http:' ? 'ws:' : 'wss:';
    note = `Using ${scheme}// for ${parsed.protocol}// (WebSockets speak ws:// and wss://)`;
    parsed = new URL(scheme + trimmed.slice(parsed.protocol.length));
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return { ok: false, error: `Unsupported scheme "${parsed.protocol}": use ws:// or wss://` };
  }
  if (parsed.hostname === '') return { ok: false, error: NO_HOST };
  // `hash` is '' for a bare "#", yet the WebSocket constructor rejects any fragment, empty or not.
  if (parsed.href.includes('#')) return { ok: false, error: 'A WebSocket URL cannot have a #fragment' };
  return note ? { ok: true, url: parsed.href, note } : { ok: true, url: parsed.href };
}

/**
 * Subprotocols as the WebSocket constructor requires: RFC 6455 tokens (RFC 7230 tchar),
 * no duplicates. Input is a comma-separated list.
 */
export function parseSubprotocols(input: string): { ok: true; protocols: string[] } | { ok: false; error: string } {
  const protocols = input
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const seen = new Set<string>();
  for (const p of protocols) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(p))
      return { ok: false, error: `"${p}" is not a valid subprotocol token` };
    if (seen.has(p)) return { ok: false, error: `Subprotocol "${p}" is listed twice` };
    seen.add(p);
  }
  return { ok: true, protocols };
}
