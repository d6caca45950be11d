import { ROW_LIMIT_BYTES } from '../../core/payload-views/payload-head';
import type { Direction, SocketEvent, WirePayload } from '../../protocol';

type Decoders = typeof import('../../core/decoders');
type Decoding = ReturnType<Decoders['createSocketDecoding']>;
export type DecodeResult = ReturnType<Decoding['decode']>;

/**
 * The protocol decoders, loaded after first render: they are a third of the UI's code, and a
 * list of raw previews is useful while they load. Shared by the popup and the panel.
 */
let decoders: Decoders | null = null;
let loading: Promise<Decoders> | null = null;
/** Per socket: its decoding state, and the subprotocol it was made with. */
const sessions = new Map<string, { decoding: Decoding; protocol: string }>();
/** Decoders the user chose by hand, per socket ("Decode as"). */
const manual = new Map<string, string>();
/** Bumped whenever a choice changes: cached row summaries of an older generation are stale. */
let generation = 0;
const listeners = new Set<() => void>();
/** Row summaries per event object (events are immutable), so scrolling never decodes twice. */
const rowCache = new WeakMap<SocketEvent, { generation: number; summary: string | null }>();
const GENERIC = new Set(['text', 'json', 'binary']);

export function loadDecoders(): Promise<Decoders> {
  loading ??= import('../../core/decoders').then((m) => {
    decoders = m;
    for (const l of listeners) l();
    return m;
  });
  return loading;
}

/** Called when the decoders load or a socket's decoder is switched (re-render rows). */
export function onDecodersChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** "Decode as": a decoder id for this socket, or 'auto' for the automatic choice. */
export function setSocketDecoder(socketId: string, id: string): void {
  if (id === 'auto') manual.delete(socketId);
  else manual.set(socketId, id);
  sessions.delete(socketId); // made again, with the choice, on next use
  generation++;
  for (const l of listeners) l();
}

export const socketDecoderChoice = (socketId: string) => manual.get(socketId) ?? 'auto';

export const decoderOptions = (): readonly { id: string; label: string }[] => decoders?.listDecoders() ?? [];

export const decodersLoaded = () => decoders !== null;

function sessionOf(socketId: string, socket: { url: string; protocol: string }): Decoding | null {
  if (!decoders) return null;
  const known = sessions.get(socketId);
  // The negotiated subprotocol arrives with `open`: a session made without it is made again.
  if (known && known.protocol === socket.protocol) return known.decoding;
  const decoding = decoders.createSocketDecoding(socket);
  const chosen = manual.get(socketId);
  if (chosen && decoders.isDecoderId(chosen)) decoding.setDecoder(chosen);
  sessions.set(socketId, { decoding, protocol: socket.protocol });
  return decoding;
}

/** One line for a frame row (`EVENT chat:message ["hi"]`), or null until the decoders load. */
export function decodedRowSummary(
  event: SocketEvent,
  socket: { url: string; protocol: string } | undefined,
): string | null {
  if (event.type !== 'frame' || !decoders) return null;
  const cached = rowCache.get(event);
  if (cached !== undefined && cached.generation === generation) return cached.summary;
  const session = sessionOf(event.socketId, socket ?? { url: '', protocol: '' });
  if (!session) return null;
  const result = session.decode(event.payload, event.direction, ROW_LIMIT_BYTES);
  // Rows name protocol messages; plain text, JSON and bytes read best as the raw preview, and a
  // frame a protocol decoder cannot read keeps its raw preview (the Decoded view says why).
  const summary = GENERIC.has(result.decoder) || result.error ? null : result.summary;
  rowCache.set(event, { generation, summary });
  return summary;
}

/** The full decoding of one frame for the detail view. */
export function decodeFrame(
  socketId: string,
  socket: { url: string; protocol: string },
  payload: WirePayload,
  direction: Direction,
): DecodeResult | null {
  return sessionOf(socketId, socket)?.decode(payload, direction) ?? null;
}

export const decoderLabel = (id: string) => decoders?.listDecoders().find((d) => d.id === id)?.label ?? id;
