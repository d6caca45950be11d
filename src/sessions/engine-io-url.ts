/**
 * The Engine.IO WebSocket URL for a Socket.IO server, from what a person pastes: an http(s) or
 * ws(s) page URL, or an Engine.IO URL already. As socket.io-client reads `io("https://host/admin")`,
 * a path other than the Engine.IO path names the namespace.
 */
export type EngineIoTarget =
  | { readonly ok: true; readonly url: string; readonly namespace: string }
  | { readonly ok: false; readonly error: string };

const SCHEMES: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };

export function engineIoUrl(input: string, engineIo: 3 | 4, path = '/socket.io/'): EngineIoTarget {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: `"${input.slice(0, 80)}" is not a URL` };
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme)
    return { ok: false, error: `${url.protocol} URLs cannot reach a Socket.IO server (use http(s) or ws(s))` };
  const enginePath = '/' + path.replace(/^\/+|\/+$/g, '') + '/';
  const pathname = url.pathname.endsWith('/') ? url.pathname : url.pathname + '/';
  let namespace = '/';
  // An Engine.IO URL keeps its path (a server may mount Engine.IO anywhere); a page URL's path is the namespace.
  const isEngineUrl = url.searchParams.has('EIO') || pathname.endsWith(enginePath) || pathname === enginePath;
  if (!isEngineUrl && url.pathname !== '/' && url.pathname !== '') namespace = url.pathname.replace(/\/+$/, '');
  const out = new URL(url.href);
  out.protocol = scheme;
  out.hash = '';
  if (!isEngineUrl) out.pathname = enginePath;
  else if (!out.pathname.endsWith('/')) out.pathname += '/';
  out.searchParams.set('EIO', String(engineIo));
  out.searchParams.set('transport', 'websocket');
  out.searchParams.delete('sid');
  return { ok: true, url: out.href, namespace };
}
