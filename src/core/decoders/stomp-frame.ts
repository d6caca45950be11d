/** STOMP 1.0–1.2 frame syntax (https://stomp.github.io/stomp-specification-1.2.html#Augmented_BNF). */

export const STOMP_COMMANDS = new Set([
  'CONNECT',
  'STOMP',
  'CONNECTED',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'ACK',
  'NACK',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'DISCONNECT',
  'MESSAGE',
  'RECEIPT',
  'ERROR',
]);

export interface StompFrame {
  /** '' for a heart-beat (a lone EOL). */
  readonly command: string;
  /** In order; a repeated header keeps its first value, as the spec says (§ Repeated Header Entries). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
  /** The body runs past the bytes that were read. */
  readonly bodyCut: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0;
const utf8 = new TextDecoder();

const UNESCAPES: Record<string, string> = { '\\\\': '\\', '\\n': '\n', '\\c': ':', '\\r': '\r' };
const unescape = (s: string) => s.replace(/\\[\\ncr]/g, (e) => UNESCAPES[e] ?? e);

/** Parses every frame in `bytes` (servers may send several in one message). Returns a reason on error. */
export function parseStompFrames(bytes: Uint8Array, cut: boolean): StompFrame[] | string {
  const frames: StompFrame[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes[pos] === LF || (bytes[pos] === CR && bytes[pos + 1] === LF)) {
      pos += bytes[pos] === CR ? 2 : 1;
      if (frames.length === 0 && pos >= bytes.length)
        frames.push({ command: '', headers: [], body: new Uint8Array(0), bodyCut: false });
      continue;
    }
    const frame = parseOne(bytes, pos, cut);
    if (typeof frame === 'string') return frame;
    frames.push(frame.frame);
    pos = frame.end;
  }
  return frames.length ? frames : 'empty frame';
}

function readLine(bytes: Uint8Array, pos: number): { line: string; next: number } | null {
  const lf = bytes.indexOf(LF, pos);
  if (lf === -1) return null;
  const end = lf > pos && bytes[lf - 1] === CR ? lf - 1 : lf;
  return { line: utf8.decode(bytes.subarray(pos, end)), next: lf + 1 };
}

function parseOne(bytes: Uint8Array, start: number, cut: boolean): { frame: StompFrame; end: number } | string {
  const first = readLine(bytes, start);
  if (!first) return cut ? 'frame header past the decode limit' : 'no command line';
  const command = first.line;
  if (!STOMP_COMMANDS.has(command)) return `unknown STOMP command "${command.slice(0, 20)}"`;
  // CONNECT and CONNECTED headers are never escaped, for 1.0 compatibility (spec § Value Encoding).
  const escaped = command !== 'CONNECT' && command !== 'CONNECTED';
  const headers: [string, string][] = [];
  let pos = first.next;
  for (;;) {
    const line = readLine(bytes, pos);
    if (!line) return cut ? 'frame header past the decode limit' : 'headers do not end with a blank line';
    pos = line.next;
    if (line.line === '') break;
    const colon = line.line.indexOf(':');
    if (colon <= 0) return `malformed header line "${line.line.slice(0, 40)}"`;
    const name = line.line.slice(0, colon);
    const value = line.line.slice(colon + 1);
    headers.push(escaped ? [unescape(name), unescape(value)] : [name, value]);
  }
  const lengthHeader = headers.find(([name]) => name === 'content-length')?.[1];
  let bodyEnd: number;
  if (lengthHeader !== undefined) {
    if (!/^\d{1,15}$/.test(lengthHeader)) return `bad content-length "${lengthHeader.slice(0, 20)}"`;
    bodyEnd = pos + Number(lengthHeader);
    if (bodyEnd > bytes.length || bytes[bodyEnd] !== NUL) {
      if (cut) return { frame: { command, headers, body: bytes.subarray(pos), bodyCut: true }, end: bytes.length };
      return bodyEnd >= bytes.length
        ? 'frame ends before content-length bytes and NUL'
        : 'no NUL after content-length bytes';
    }
  } else {
    bodyEnd = bytes.indexOf(NUL, pos);
    if (bodyEnd === -1) {
      if (cut) return { frame: { command, headers, body: bytes.subarray(pos), bodyCut: true }, end: bytes.length };
      return 'frame does not end with NUL';
    }
  }
  return { frame: { command, headers, body: bytes.subarray(pos, bodyEnd), bodyCut: false }, end: bodyEnd + 1 };
}
