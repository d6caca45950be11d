import { base64ToBytes } from '../core/bytes';
import type { StompCommand, StompHeaders } from './stomp-messages';

/** Headers the form sets itself: a custom header of the same name would be a second, ignored copy. */
const OWN_HEADERS = new Set(['destination', 'id', 'ack', 'receipt', 'content-length', 'content-type', 'subscription']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface StompState {
  readonly version: string;
  readonly subscriptionIds: ReadonlySet<string>;
  /** Ack id → subscription id, for the 1.1 ACK that names both. */
  readonly unacked: ReadonlyMap<string, string>;
  nextId(prefix: string): string;
}

export type BuiltFrame =
  | { readonly ok: true; readonly command: string; readonly headers: StompHeaders; readonly body: string | Uint8Array }
  | { readonly ok: false; readonly error: string };

function checkHeaders(headers: StompHeaders | undefined): string | null {
  for (const [name] of headers ?? []) {
    if (name === '') return 'A header name is empty';
    if (OWN_HEADERS.has(name.toLowerCase())) return `The "${name}" header is set by the form, not as a custom header`;
  }
  return null;
}

/** The frame a command sends, or why it cannot be sent (nothing is sent then). */
export function buildStompFrame(command: StompCommand, state: StompState): BuiltFrame {
  const receipt: [string, string][] = command.receipt ? [['receipt', state.nextId('rcpt')]] : [];
  switch (command.type) {
    case 'subscribe': {
      if (command.destination === '') return { ok: false, error: 'A destination is required' };
      const id = command.id ?? state.nextId('sub');
      if (id === '') return { ok: false, error: 'A subscription id cannot be empty' };
      if (state.subscriptionIds.has(id)) return { ok: false, error: `Subscription id "${id}" is already in use` };
      const problem = checkHeaders(command.headers);
      if (problem) return { ok: false, error: problem };
      const headers: [string, string][] = [
        ['id', id],
        ['destination', command.destination],
        ['ack', command.ack ?? 'auto'],
      ];
      return {
        ok: true,
        command: 'SUBSCRIBE',
        headers: [...headers, ...(command.headers ?? []), ...receipt],
        body: '',
      };
    }
    case 'unsubscribe':
      if (!state.subscriptionIds.has(command.id)) return { ok: false, error: `No subscription "${command.id}"` };
      return { ok: true, command: 'UNSUBSCRIBE', headers: [['id', command.id], ...receipt], body: '' };
    case 'send': {
      if (command.destination === '') return { ok: false, error: 'A destination is required' };
      const problem = checkHeaders(command.headers);
      if (problem) return { ok: false, error: problem };
      const binary = command.bodyEncoding === 'base64';
      if (binary && !BASE64.test(command.body)) return { ok: false, error: 'The body is not base64' };
      const body = binary ? base64ToBytes(command.body) : new TextEncoder().encode(command.body);
      // content-length lets a body hold NUL bytes (§ Header content-length).
      const headers: [string, string][] = [
        ['destination', command.destination],
        ['content-length', String(body.length)],
      ];
      if (command.contentType) headers.push(['content-type', command.contentType]);
      return {
        ok: true,
        command: 'SEND',
        headers: [...headers, ...(command.headers ?? []), ...receipt],
        body: binary ? body : command.body,
      };
    }
    case 'ack':
    case 'nack': {
      if (command.type === 'nack' && state.version === '1.0') return { ok: false, error: 'STOMP 1.0 has no NACK' };
      const subscription = state.unacked.get(command.id);
      if (subscription === undefined)
        return { ok: false, error: `No received message waits for an ACK as "${command.id}"` };
      // 1.2 names the MESSAGE's ack header as id; 1.1 and 1.0 name message-id (and 1.1 the subscription).
      const headers: [string, string][] =
        state.version === '1.2'
          ? [['id', command.id]]
          : [
              ['message-id', command.id],
              ['subscription', subscription],
            ];
      return { ok: true, command: command.type.toUpperCase(), headers: [...headers, ...receipt], body: '' };
    }
    case 'disconnect':
      return { ok: true, command: 'DISCONNECT', headers: receipt, body: '' };
  }
}

/** CONNECT headers are never escaped (§ Value Encoding), so a line break would start a new header. */
export function stompOptionsProblem(options: { host: string; login: string; passcode: string }): string | null {
  for (const [name, value] of Object.entries({
    host: options.host,
    login: options.login,
    passcode: options.passcode,
  })) {
    if (/[\r\n\0]/.test(value)) return `The ${name} cannot contain line breaks or NUL`;
  }
  return null;
}
