import { base64ToBytes, bytesToBase64, hexDump, utf8Encode } from '../core/bytes';
import { describeCloseCode } from '../core/close-codes';
import type { SocketEvent } from '../protocol';

export type DetailFormat = 'text' | 'json' | 'hex' | 'base64';
export const DETAIL_FORMATS: readonly DetailFormat[] = ['text', 'json', 'hex', 'base64'];

/** Bytes shown at most in a hex dump: a 50 MB frame must not freeze the popup. */
const MAX_DUMP = 64 * 1024;

/** The selected entry's body in the chosen format (pure: rendered as text by the component). */
export function renderDetail(e: SocketEvent, format: DetailFormat): string {
  if (e.type === 'close') {
    return `Close code ${e.code}: ${describeCloseCode(e.code)}\nReason: ${e.reason || '(none)'}\nwasClean: ${e.wasClean}`;
  }
  if (e.type === 'error') return e.message;
  if (e.type === 'open') return `Protocol: ${e.protocol || '(none)'}\nExtensions: ${e.extensions || '(none)'}`;
  if (e.type === 'created') return `URL: ${e.url}\nRequested subprotocols: ${e.protocols.join(', ') || '(none)'}`;
  const p = e.payload;
  const bytes = () => (p.kind === 'text' ? utf8Encode(p.text) : base64ToBytes(p.base64));
  switch (format) {
    case 'text':
      return p.kind === 'text' ? p.text : new TextDecoder().decode(bytes());
    case 'json': {
      const text = p.kind === 'text' ? p.text : new TextDecoder().decode(bytes());
      try {
        return JSON.stringify(JSON.parse(text), null, 2);
      } catch (error) {
        return `Not JSON: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    case 'hex': {
      const all = bytes();
      const lines = hexDump(all, MAX_DUMP);
      if (all.length > MAX_DUMP) lines.push(`… ${all.length - MAX_DUMP} more bytes`);
      return lines.join('\n');
    }
    case 'base64':
      return p.kind === 'binary' ? p.base64 : bytesToBase64(bytes());
  }
}
