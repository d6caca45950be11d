import type { WirePayload } from '../../protocol';
import { parseJson } from '../payload-views';
import { readJson } from './input';
import { brief, failure, fieldList, neverThrows, oneLine } from './result';
import type { DecodeResult } from './types';

type Rec = Record<string, unknown>;
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

const SERVER_TYPES = new Set(['welcome', 'disconnect', 'ping', 'confirm_subscription', 'reject_subscription']);
const COMMANDS = new Set(['subscribe', 'unsubscribe', 'message']);

/**
 * The channel a Rails identifier names. The identifier is itself JSON in a string
 * (`"{\"channel\":\"ChatChannel\",\"room\":\"lobby\"}"`), so it is parsed a second time.
 */
export function channelOf(identifier: unknown): { readonly name: string; readonly params: unknown } | undefined {
  if (typeof identifier !== 'string') return undefined;
  const parsed = parseJson(identifier);
  if (!parsed.ok || !isRecord(parsed.value)) return { name: identifier, params: undefined };
  const { channel, ...params } = parsed.value;
  return { name: typeof channel === 'string' ? channel : identifier, params };
}

/** Rails Action Cable (actioncable-v1-json): server types, client commands, channel messages. */
export const decodeActionCable = neverThrows('action-cable', (payload: WirePayload, context): DecodeResult => {
  const json = readJson(payload, context);
  if (!json.ok) return failure('action-cable', json.error, payload);
  const message = json.value.value;
  if (!isRecord(message)) return failure('action-cable', 'not an Action Cable message', payload);
  const channel = channelOf(message.identifier);
  const channelText = channel
    ? `${channel.name}${isRecord(channel.params) && Object.keys(channel.params).length ? ` ${brief(channel.params, 40)}` : ''}`
    : '';
  const truncated = json.value.truncated ? { truncated: true } : {};
  const base = { decoder: 'action-cable' as const, ...truncated };
  if (typeof message.command === 'string') {
    if (!COMMANDS.has(message.command))
      return failure('action-cable', `unknown command "${message.command.slice(0, 40)}"`, payload);
    const data = typeof message.data === 'string' ? parseJson(message.data) : undefined;
    const dataValue = data?.ok ? data.value : message.data;
    const action = isRecord(dataValue) && typeof dataValue.action === 'string' ? dataValue.action : undefined;
    const summary = [
      message.command,
      action ? `${action}` : '',
      channelText,
      dataValue === undefined ? '' : brief(dataValue),
    ]
      .filter(Boolean)
      .join(' ');
    return {
      ...base,
      type: message.command,
      summary: oneLine(summary),
      fields: fieldList([
        ['command', message.command],
        ['channel', channel?.name],
        ['identifier', message.identifier],
        ['action', action],
      ]),
      ...(dataValue === undefined ? {} : { body: dataValue }),
    };
  }
  if (typeof message.type === 'string') {
    if (!SERVER_TYPES.has(message.type))
      return failure('action-cable', `unknown message type "${message.type.slice(0, 40)}"`, payload);
    const extra =
      message.type === 'ping'
        ? ''
        : message.type === 'disconnect'
          ? [message.reason, message.reconnect === false ? '(no reconnect)' : ''].filter(Boolean).join(' ')
          : channelText;
    return {
      ...base,
      type: message.type,
      summary: oneLine(`${message.type} ${typeof extra === 'string' ? extra : brief(extra)}`.trim()),
      fields: fieldList([
        ['type', message.type],
        ['channel', channel?.name],
        ['identifier', message.identifier],
        ['reason', message.reason],
        ['reconnect', message.reconnect],
        ['time', message.type === 'ping' ? message.message : undefined],
      ]),
    };
  }
  if ('message' in message && channel) {
    return {
      ...base,
      type: 'message',
      summary: oneLine(`message ${channelText} ${brief(message.message)}`),
      fields: fieldList([
        ['channel', channel.name],
        ['identifier', message.identifier],
      ]),
      body: message.message,
    };
  }
  return failure('action-cable', 'neither a command, a type nor a channel message', payload);
});
