import { looksLikeMessage } from './protobuf-evidence';
import { parseRawMessage } from './protobuf-raw';

/** Sniffing looks less deep than decoding: the top level decides. */
const SNIFF_LIMITS = { maxDepth: 8, maxFields: 2000 };
const utf8 = new TextDecoder('utf-8', { fatal: true });
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Whether a binary frame is convincingly protobuf (see protobuf-evidence.ts for the rules), so
 * that "auto" may choose the protobuf decoder. Besides those rules: the whole of what was read
 * parses (a cut `bytes` may end inside a field), and the frame is not printable text (a tag byte
 * of field 1–3 with a length is a control character, so real messages rarely are).
 */
export function looksLikeProtobuf(bytes: Uint8Array, truncated: boolean): boolean {
  if (bytes.length < 2 || isPrintableText(bytes, truncated)) return false;
  const raw = parseRawMessage(bytes, SNIFF_LIMITS);
  if (raw.stopped) return false;
  if (raw.error && !(truncated && /past the end|has no end/.test(raw.error.reason))) return false;
  return looksLikeMessage(raw.fields, bytes.length);
}

function isPrintableText(bytes: Uint8Array, truncated: boolean): boolean {
  try {
    return !CONTROL.test(utf8.decode(bytes, { stream: truncated }));
  } catch {
    // Not UTF-8: not text.
    return false;
  }
}
