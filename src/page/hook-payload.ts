import { base64ToBytes } from '../core/bytes';
import type { FrameRule, HookCommand, HookRule, HookRules, PageCommand, WirePayload } from '../protocol';

/** The other way, for commands: text stays a string, binary becomes an ArrayBuffer. */
export function toPageData(payload: WirePayload): string | ArrayBuffer {
  if (payload.kind === 'text') return payload.text;
  const bytes = base64ToBytes(payload.base64);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Compiles the enabled rules for each socket of this frame, by direction. */
export function rulesForSockets(rules: readonly FrameRule[], socketUrls: ReadonlyMap<string, string>): HookRules {
  const bySocket: Record<string, { in: HookRule[]; out: HookRule[] }> = {};
  for (const [socketId, url] of socketUrls) {
    const lists = { in: [] as HookRule[], out: [] as HookRule[] };
    for (const rule of rules) {
      if (!rule.enabled || (rule.urlContains && !url.includes(rule.urlContains))) continue;
      const compiled: HookRule = {
        id: rule.id,
        regex: rule.pattern ? new RegExp(rule.pattern, 'g') : null,
        action: rule.action,
      };
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
export function toHookCommand(
  command: Exclude<PageCommand, { type: 'set-rules' }>,
  socketUrls: ReadonlyMap<string, string>,
): HookCommand | null {
  switch (command.type) {
    case 'send':
      return { type: 'send', socketId: command.socketId, data: toPageData(command.payload) };
    case 'fake-incoming': {
      const url = socketUrls.get(command.socketId);
      if (url === undefined) return null;
      return {
        type: 'fake-incoming',
        socketId: command.socketId,
        data: toPageData(command.payload),
        origin: new URL(url).origin,
      };
    }
    default:
      return command;
  }
}
