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

/** Why the options cannot make a namespace CONNECT, or null. */
export function socketIoOptionsProblem(options: {
  engineIo: 3 | 4;
  namespace: string;
  authJson: string;
}): string | null {
  // The namespace ends at the first comma of a packet (socket.io-protocol § Packet encoding).
  if (!/^\/[^,?#\s]*$/.test(options.namespace))
    return `Namespace "${options.namespace}" must start with / and hold no , ? # or spaces`;
  const auth = parseJsonText(options.authJson, 'Auth');
  if (!auth.ok) return auth.error;
  if (auth.empty) return null;
  if (options.engineIo === 3) return 'Socket.IO v2 (Engine.IO 3) has no auth payload: put it in the URL query';
  if (typeof auth.value !== 'object' || auth.value === null || Array.isArray(auth.value))
    return 'Auth must be a JSON object';
  return null;
}
