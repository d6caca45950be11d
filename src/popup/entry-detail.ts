import { base64ToBytes, bytesToBase64, hexDump, utf8Encode } from '../core/bytes';
import { describeCloseCode } from '../core/close-codes';
import { payloadByteLength } from '../core/format';
import { DETAIL_LIMIT_BYTES, payloadHead, textHead } from '../core/payload-views';
import type { SocketEvent, WirePayload } from '../protocol';

export type DetailFormat = 'text' | 'json' | 'hex' | 'base64';
export const DETAIL_FORMATS: readonly DetailFormat[] = ['text', 'json', 'hex', 'base64'];

/** Bytes shown at most in a hex dump: a 50 MB frame must not freeze the popup. */
const MAX_DUMP = 64 * 1024;
/**
 * Bytes of a frame the Text and Base64 views show at most (as the panel): 16 MiB as one text
 * node blocked the popup for 3 to 8 s. Copy still takes the whole frame (renderDetail).
 */
export const MAX_SHOWN_BYTES = DETAIL_LIMIT_BYTES;

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
    case 'hex':
      return hexDetail(p);
    case 'base64':
      return p.kind === 'binary' ? p.base64 : bytesToBase64(bytes());
  }
}

/**
 * The first MAX_DUMP bytes as a hex dump, decoded alone: decoding a 16 MiB frame whole to show
 * 64 KiB of it took ~70 ms more.
 */
function hexDetail(p: WirePayload): string {
  const lines = hexDump(payloadHead(p, MAX_DUMP).bytes, MAX_DUMP);
  const total = payloadByteLength(p);
  if (total > MAX_DUMP) lines.push(`… ${total - MAX_DUMP} more bytes`);
  return lines.join('\n');
}

/** What the entry detail shows: renderDetail, with Text and Base64 cut after `maxBytes` of the frame. */
export function shownDetail(
  e: SocketEvent,
  format: DetailFormat,
  maxBytes = MAX_SHOWN_BYTES,
): { text: string; truncated: boolean } {
  if (e.type !== 'frame' || (format !== 'text' && format !== 'base64'))
    return { text: renderDetail(e, format), truncated: false };
  const p = e.payload;
  if (format === 'text' && p.kind === 'text') return textHead(p.text, maxBytes);
  const head = payloadHead(p, maxBytes);
  if (!head.truncated) return { text: renderDetail(e, format), truncated: false };
  // stream: a UTF-8 sequence cut by the limit is held back, not shown as U+FFFD.
  return {
    text: format === 'text' ? new TextDecoder().decode(head.bytes, { stream: true }) : bytesToBase64(head.bytes),
    truncated: true,
  };
}
