import { parseJsonText } from './guards';
import type { SocketIoCommand } from './socket-io-messages';

/** socket.io-client refuses these as event names: they are its own (socket.io-client/lib/socket.ts). */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

type Checked = { ok: true; json: string } | { ok: false; error: string };

/** Validates a command before anything is sent; returns the packet's JSON data text. */
export function checkSocketIoCommand(
  command: SocketIoCommand,
  state: { connected: boolean; serverAcks: ReadonlySet<number>; eio: 3 | 4 },
): Checked {
  if (!state.connected) return { ok: false, error: 'not connected to the namespace' };
  if (command.type === 'disconnect') return { ok: true, json: '' };
  const args = parseJsonText(command.argsJson, 'Arguments');
  if (!args.ok) return args;
  if (!args.empty && !Array.isArray(args.value))
    return { ok: false, error: 'Arguments must be a JSON array, e.g. ["hello", {"n": 1}]' };
  const list = args.empty ? [] : (args.value as unknown[]);
  if (command.type === 'ack') {
    if (!state.serverAcks.has(command.ackId))
      return { ok: false, error: `the server asked for no ack #${command.ackId}` };
    return { ok: true, json: JSON.stringify(list) };
  }
  if (command.event === '') return { ok: false, error: 'An event name is required' };
  if (RESERVED_EVENTS.has(command.event)) return { ok: false, error: `"${command.event}" is a reserved event name` };
  const binary = command.binaryArgs ?? [];
  for (const [i, base64] of binary.entries()) {
    if (!BASE64.test(base64)) return { ok: false, error: `binary argument ${i + 1} is not base64` };
  }
  // Attachments travel after the packet, each replaced in the JSON by a placeholder (socket.io-protocol § binary).
  const placeholders = binary.map((_, num) => ({ _placeholder: true, num }));
  return { ok: true, json: JSON.stringify([command.event, ...list, ...placeholders]) };
}
