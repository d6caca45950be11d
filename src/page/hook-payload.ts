import { base64ToBytes, bytesToBase64 } from '../core/bytes';
import { LIMITS } from '../protocol';
import type { FrameRule, HookCommand, HookEvent, HookPayload, HookRule, HookRules, PageCommand, SocketEvent, WirePayload } from '../protocol';

/** A raw page payload as exact-bytes wire payload (Blobs are read, hence async). */
export async function toWirePayload(data: HookPayload): Promise<WirePayload> {
  if (typeof data === 'string') return { kind: 'text', text: data };
  const buffer = data instanceof ArrayBuffer ? data : await data.arrayBuffer();
  return { kind: 'binary', base64: bytesToBase64(new Uint8Array(buffer)) };
}

/** The other way, for commands: text stays a string, binary becomes an ArrayBuffer. */
export function toPageData(payload: WirePayload): string | ArrayBuffer {
  if (payload.kind === 'text') return payload.text;
  const bytes = base64ToBytes(payload.base64);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Whether a hook event needs an asynchronous Blob read before it can be sent on. */
export function holdsBlob(event: HookEvent): boolean {
  return event[0] === 'frame' && (event[4] instanceof Blob || (event[5]?.kind === 'replaced' && event[5].original instanceof Blob));
}

function toWirePayloadNow(data: string | ArrayBuffer): WirePayload {
  return typeof data === 'string' ? { kind: 'text', text: data } : { kind: 'binary', base64: bytesToBase64(new Uint8Array(data)) };
}

/**
 * toSocketEvent for events without Blobs (see holdsBlob): no promise per frame. Tuples are read
 * by index, not destructured: this runs for every frame on the page's main thread, and array
 * destructuring goes through the iterator protocol.
 */
export function toSocketEventNow(event: HookEvent): SocketEvent {
  if (event[0] !== 'frame') return toLifecycleEvent(event);
  const payload = toWirePayloadNow(event[4] as string | ArrayBuffer);
  const mark = event[5];
  const frame = { type: 'frame', socketId: event[1], time: event[2], direction: event[3], payload } as const;
  if (!mark) return frame;
  if (mark.kind !== 'replaced') return { ...frame, mark };
  return { ...frame, mark: { ...mark, original: toWirePayloadNow(mark.original as string | ArrayBuffer) } };
}

/** The page's part of a stack taken in the hook: no "Error" line, no frames of the hook itself. */
export function pageFrames(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => line.trim() !== '' && line.trim() !== 'Error' && !line.includes('/hook.js'))
    .slice(0, 30)
    .join('\n')
    .slice(0, LIMITS.maxStackLength);
}

function toLifecycleEvent(event: Exclude<HookEvent, { 0: 'frame' }>): SocketEvent {
  switch (event[0]) {
    case 'created':
      return { type: 'created', socketId: event[1], time: event[2], url: event[3], protocols: event[4], frameUrl: event[5], initiator: pageFrames(event[6]) };
    case 'open':
      return { type: 'open', socketId: event[1], time: event[2], protocol: event[3], extensions: event[4] };
    case 'error':
      return { type: 'error', socketId: event[1], time: event[2], message: event[3] ? 'Simulated error (from the panel)' : 'WebSocket error' };
    case 'close':
      return { type: 'close', socketId: event[1], time: event[2], code: event[3], reason: event[4], wasClean: event[5] };
  }
}

/** A hook tuple as the SocketEvent the rest of the extension speaks (reads Blobs). */
export async function toSocketEvent(event: HookEvent): Promise<SocketEvent> {
  if (event[0] !== 'frame') return toLifecycleEvent(event);
  const payload = await toWirePayload(event[4]);
  const mark = event[5];
  const frame = { type: 'frame', socketId: event[1], time: event[2], direction: event[3], payload } as const;
  if (!mark) return frame;
  if (mark.kind !== 'replaced') return { ...frame, mark };
  return { ...frame, mark: { ...mark, original: await toWirePayload(mark.original) } };
}

/** Compiles the enabled rules for each socket of this frame, by direction. */
export function rulesForSockets(rules: readonly FrameRule[], socketUrls: ReadonlyMap<string, string>): HookRules {
  const bySocket: Record<string, { in: HookRule[]; out: HookRule[] }> = {};
  for (const [socketId, url] of socketUrls) {
    const lists = { in: [] as HookRule[], out: [] as HookRule[] };
    for (const rule of rules) {
      if (!rule.enabled || (rule.urlContains && !url.includes(rule.urlContains))) continue;
      const compiled: HookRule = { id: rule.id, regex: rule.pattern ? new RegExp(rule.pattern, 'g') : null, action: rule.action };
      if (rule.direction !== 'out') lists.in.push(compiled);
      if (rule.direction !== 'in') lists.out.push(compiled);
    }
    if (lists.in.length + lists.out.length > 0) bySocket[socketId] = lists;
  }
  return bySocket;
}

/**
 * A panel command as the hook runs it: binary payloads as ArrayBuffers, fakes carrying the
 * socket's origin. `socketUrls` are the URLs of this frame's sockets, from their `created`
 * events. Rules are handled by the relay (rulesForSockets), not here.
 */
export function toHookCommand(command: Exclude<PageCommand, { type: 'set-rules' }>, socketUrls: ReadonlyMap<string, string>): HookCommand | null {
  switch (command.type) {
    case 'send':
      return { type: 'send', socketId: command.socketId, data: toPageData(command.payload) };
    case 'fake-incoming': {
      const url = socketUrls.get(command.socketId);
      if (url === undefined) return null;
      return { type: 'fake-incoming', socketId: command.socketId, data: toPageData(command.payload), origin: new URL(url).origin };
    }
    default:
      return command;
  }
}
