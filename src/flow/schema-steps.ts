/** The loader's check of one step of each kind; schema.ts walks the document and repeats. */
import { checkCloseRequest } from '../core/close-codes';
import { decodeBase64, decodeHex } from './frames';
import { parseJsonPath } from './json-path';
import { checkRegex, MAX_JSON_DEPTH, nestsDeeperThan, type FieldReader } from './schema-fields';
import { checkExtractVariables } from './schema-extract';
import { checkUserSchema } from './schema-user-schema';
import { FLOW_LIMITS, type FlowStep } from './types';

const COMMON = ['kind', 'name'];
const SEND_PAYLOADS = ['text', 'json', 'hex', 'base64'];
const EXPECTATIONS = ['text', 'regex', 'json', 'schema', 'path', 'hex', 'base64'];

/** The fields of each kind besides `kind` and `name`, as docs/flow.schema.json has them. */
export const STEP_FIELDS = {
  connect: ['url', 'protocols', 'headers', 'timeoutMs', 'session'],
  close: ['code', 'reason', 'timeoutMs'],
  'expect-close': ['code', 'reason', 'timeoutMs', 'skipOthers'],
  send: SEND_PAYLOADS,
  expect: [...EXPECTATIONS, 'flags', 'equals', 'timeoutMs', 'skipOthers'],
  'expect-none': ['durationMs'],
  extract: ['variables'],
  wait: ['ms'],
  repeat: ['times', 'steps'],
} as const;

export type NestedSteps = (raw: unknown, where: string) => FlowStep[] | undefined;

/** Checks a step whose `kind` is known; returns it with only its known fields, or undefined. */
export function checkStepFields(
  kind: keyof typeof STEP_FIELDS,
  read: FieldReader,
  nested: NestedSteps,
): FlowStep | undefined {
  read.onlyFields([...COMMON, ...STEP_FIELDS[kind]]);
  const name = read.string('name');
  const timeoutMs = () => read.integer('timeoutMs', 1, FLOW_LIMITS.maxTimeoutMs);
  const base = name === undefined ? {} : { name };
  switch (kind) {
    case 'connect': {
      const url = read.string('url', { required: true, nonEmpty: true });
      if (url !== undefined && !url.includes('{{') && !/^wss?:\/\//i.test(url))
        read.problem('url', `"${url}" must start with ws:// or wss://`);
      // The extension point for protocol sessions (Socket.IO, STOMP, MQTT, GraphQL): reserved.
      if (read.has('session')) read.problem('session', 'protocol sessions are not supported yet');
      const protocols = read.stringArray('protocols');
      const headers = read.stringRecord('headers');
      return url === undefined ? undefined : { kind, ...base, url, protocols, headers, timeoutMs: timeoutMs() };
    }
    case 'close':
    case 'expect-close': {
      const code = read.integer('code', 1000, 4999);
      const reason = read.string('reason');
      if (kind === 'close') {
        // What a client may send (the browser's close() throws on anything else).
        const refused = checkCloseRequest(code ?? 1000, reason ?? '');
        if (refused) read.problem(refused.startsWith('Close code') ? 'code' : 'reason', refused);
        return { kind, ...base, code, reason, timeoutMs: timeoutMs() };
      }
      return { kind, ...base, code, reason, timeoutMs: timeoutMs(), skipOthers: read.boolean('skipOthers') };
    }
    case 'send': {
      const payload = checkPayload(read, SEND_PAYLOADS);
      return payload && ({ kind, ...base, ...payload } as FlowStep);
    }
    case 'expect': {
      const expectation = checkExpectation(read);
      const extra = { timeoutMs: timeoutMs(), skipOthers: read.boolean('skipOthers') };
      return expectation && ({ kind, ...base, ...extra, ...expectation } as FlowStep);
    }
    case 'expect-none': {
      const durationMs = read.integer('durationMs', 1, FLOW_LIMITS.maxTimeoutMs, true);
      return durationMs === undefined ? undefined : { kind, ...base, durationMs };
    }
    case 'extract': {
      const variables = checkExtractVariables(read);
      return variables && { kind, ...base, variables };
    }
    case 'wait': {
      const ms = read.integer('ms', 0, FLOW_LIMITS.maxTimeoutMs, true);
      return ms === undefined ? undefined : { kind, ...base, ms };
    }
    case 'repeat': {
      const times = read.integer('times', 1, FLOW_LIMITS.maxRepeatTimes, true);
      if (!read.has('steps')) read.problem('steps', 'is required (an array of steps)');
      const steps = read.has('steps') ? nested(read.raw.steps, '') : undefined;
      return times === undefined || steps === undefined ? undefined : { kind, ...base, times, steps };
    }
  }
}

/** Exactly one of `fields` must be present; returns that field and its checked value. */
function checkPayload(read: FieldReader, fields: readonly string[]): Record<string, unknown> | undefined {
  const given = fields.filter((field) => read.has(field));
  if (given.length !== 1) {
    read.problem(
      '',
      `needs exactly one of ${fields.join(', ')}${given.length > 1 ? ` (has ${given.join(' and ')})` : ''}`,
    );
    return undefined;
  }
  const field = given[0] as string;
  const value = read.raw[field];
  if (field === 'json') {
    if (nestsDeeperThan(value, MAX_JSON_DEPTH))
      return void read.problem(field, `nests deeper than ${MAX_JSON_DEPTH} levels`);
    return { [field]: value };
  }
  if (field === 'schema') return checkUserSchema(read, value) ? { schema: value } : undefined;
  const text = read.string(field);
  if (text === undefined) return undefined;
  const decoded = field === 'hex' ? decodeHex(text) : field === 'base64' ? decodeBase64(text) : null;
  if (decoded && !decoded.ok) return void read.problem(field, decoded.error);
  return { [field]: text };
}

function checkExpectation(read: FieldReader): Record<string, unknown> | undefined {
  const hasPath = read.has('path');
  if (read.has('flags') && !read.has('regex')) read.problem('flags', 'is only for regex');
  if (read.has('equals') && !hasPath) read.problem('equals', 'is only for path (the value the path must name)');
  if (hasPath && !read.has('equals')) read.problem('equals', 'is required with path');
  const expectation = checkPayload(read, EXPECTATIONS);
  if (!expectation) return undefined;
  if ('regex' in expectation) {
    const flags = read.string('flags') ?? '';
    const refused = checkRegex(expectation.regex as string, flags);
    if (refused)
      return void read.problem(read.has('flags') && refused.startsWith('flags') ? 'flags' : 'regex', refused);
    return read.has('flags') ? { ...expectation, flags } : expectation;
  }
  if ('path' in expectation) {
    const parsed = parseJsonPath(expectation.path as string);
    if (!parsed.ok) return void read.problem('path', parsed.error);
    const equals = read.raw.equals;
    if (nestsDeeperThan(equals, MAX_JSON_DEPTH))
      return void read.problem('equals', `nests deeper than ${MAX_JSON_DEPTH} levels`);
    return read.has('equals') ? { ...expectation, equals } : undefined;
  }
  return expectation;
}
