/**
 * docs/flow.schema.json and the loader must agree: every example in docs/flows passes both, and
 * a set of bad documents fails both. What only the loader can check is listed apart.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../../src/flow';
import { BASE64_PATTERN, HEX_PATTERN } from '../../../src/flow/frames';
import { JSON_PATH_PATTERN } from '../../../src/flow/json-path';

const DOCS = path.resolve(__dirname, '../../../docs');
const schema = JSON.parse(readFileSync(path.join(DOCS, 'flow.schema.json'), 'utf8')) as Schema;
const validator = new Validator(schema, '2020-12', false);
const examples = readdirSync(path.join(DOCS, 'flows')).filter((name) => name.endsWith('.json'));

const schemaAccepts = (document: unknown) => validator.validate(document).valid;
const loaderAccepts = (document: unknown) => loadFlow(document).ok;

const flowOf = (...steps: unknown[]) => ({ version: 1, steps });
const connect = { kind: 'connect', url: 'ws://x/' };

const BAD: Record<string, unknown> = {
  'not an object': [],
  'no version': { steps: [connect] },
  'version 2': { version: 2, steps: [connect] },
  'no steps': { version: 1 },
  'empty steps': flowOf(),
  'unknown top-level field': { ...flowOf(connect), author: 'me' },
  'reserved variable': { ...flowOf(connect), variables: { uuid: 'x' } },
  'variable not a string': { ...flowOf(connect), variables: { a: 1 } },
  'step without kind': flowOf({ url: 'ws://x/' }),
  'unknown kind': flowOf({ kind: 'jump' }),
  'unknown step field': flowOf({ ...connect, retries: 3 }),
  'connect without url': flowOf({ kind: 'connect' }),
  'connect to http': flowOf({ kind: 'connect', url: 'http://x/' }),
  'connect with a session': flowOf({ ...connect, session: { protocol: 'mqtt' } }),
  'protocols not strings': flowOf({ ...connect, protocols: [1] }),
  'header not a string': flowOf({ ...connect, headers: { a: 1 } }),
  'close code 1001': flowOf({ kind: 'close', code: 1001 }),
  'close code 5000': flowOf({ kind: 'close', code: 5000 }),
  'expect-close code 999': flowOf({ kind: 'expect-close', code: 999 }),
  'send with no payload': flowOf({ kind: 'send' }),
  'send with two payloads': flowOf({ kind: 'send', text: 'a', hex: '01' }),
  'send bad hex': flowOf({ kind: 'send', hex: '0g' }),
  'send odd hex': flowOf({ kind: 'send', hex: '012' }),
  'send bad base64 character': flowOf({ kind: 'send', base64: 'a*b=' }),
  'expect with nothing': flowOf({ kind: 'expect' }),
  'expect with two': flowOf({ kind: 'expect', text: 'a', regex: 'a' }),
  'flags without regex': flowOf({ kind: 'expect', text: 'a', flags: 'i' }),
  'bad flags': flowOf({ kind: 'expect', regex: 'a', flags: 'g' }),
  'path without equals': flowOf({ kind: 'expect', path: '$.a' }),
  'equals without path': flowOf({ kind: 'expect', json: {}, equals: 1 }),
  'bad path': flowOf({ kind: 'expect', path: 'a.b', equals: 1 }),
  'negative index': flowOf({ kind: 'expect', path: '$[-1]', equals: 1 }),
  'schema not a schema': flowOf({ kind: 'expect', schema: 'string' }),
  'skipOthers not boolean': flowOf({ kind: 'expect', text: 'a', skipOthers: 'yes' }),
  'zero timeout': flowOf({ kind: 'expect', text: 'a', timeoutMs: 0 }),
  'fractional timeout': flowOf({ kind: 'expect', text: 'a', timeoutMs: 1.5 }),
  'expect-none without duration': flowOf({ kind: 'expect-none' }),
  'extract with no variables': flowOf({ kind: 'extract', variables: {} }),
  'extract with both sources': flowOf({ kind: 'extract', variables: { a: { path: '$', regex: 'x' } } }),
  'extract to a reserved name': flowOf({ kind: 'extract', variables: { iteration: { path: '$' } } }),
  'extract negative group': flowOf({ kind: 'extract', variables: { a: { regex: 'x', group: -1 } } }),
  'wait negative': flowOf({ kind: 'wait', ms: -1 }),
  'repeat zero times': flowOf({ kind: 'repeat', times: 0, steps: [connect] }),
  'repeat without steps': flowOf({ kind: 'repeat', times: 2 }),
  'bad step inside repeat': flowOf({ kind: 'repeat', times: 2, steps: [{ kind: 'wait' }] }),
};

/** Refused by the loader, accepted by the schema: checks JSON Schema cannot express (see its description). */
const LOADER_ONLY: Record<string, unknown> = {
  'invalid regex': flowOf({ kind: 'expect', regex: '(' }),
  'invalid extract regex': flowOf({ kind: 'extract', variables: { a: { regex: '[' } } }),
  'extract group the regex lacks': flowOf({ kind: 'extract', variables: { a: { regex: '(x)', group: 3 } } }),
  'invalid pattern inside a JSON Schema': flowOf({ kind: 'expect', schema: { pattern: '(' } }),
  'base64 of an impossible length': flowOf({ kind: 'send', base64: 'AAAAA' }),
  'close reason over 123 UTF-8 bytes': flowOf({ kind: 'close', reason: 'é'.repeat(62) }),
  'JSON nested deeper than 64': flowOf({ kind: 'send', json: JSON.parse('['.repeat(70) + ']'.repeat(70)) as unknown }),
};

describe('docs/flow.schema.json and the loader', () => {
  it('has examples in docs/flows', () => expect(examples.length).toBeGreaterThanOrEqual(5));

  it.each(examples)('%s passes both the loader and the published schema', (name) => {
    const document = JSON.parse(readFileSync(path.join(DOCS, 'flows', name), 'utf8')) as unknown;
    expect(validator.validate(document).errors).toEqual([]);
    const loaded = loadFlow(document);
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });

  it.each(Object.entries(BAD))('both refuse: %s', (_, document) => {
    expect({ loader: loaderAccepts(document), schema: schemaAccepts(document) }).toEqual({
      loader: false,
      schema: false,
    });
  });

  it.each(Object.entries(LOADER_ONLY))('only the loader refuses: %s', (_, document) => {
    expect({ loader: loaderAccepts(document), schema: schemaAccepts(document) }).toEqual({
      loader: false,
      schema: true,
    });
  });

  it('uses the loader’s own patterns for JSON paths, hex and base64', () => {
    const defs = (schema as { $defs: Record<string, { pattern?: string }> }).$defs;
    expect(defs.jsonPath?.pattern).toBe(JSON_PATH_PATTERN);
    expect(defs.hex?.pattern).toBe(HEX_PATTERN);
    expect(defs.base64?.pattern).toBe(BASE64_PATTERN);
  });
});
