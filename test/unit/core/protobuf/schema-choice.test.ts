import { describe, expect, it } from 'vitest';
import {
  decoderIdFor,
  EMPTY_SCHEMA_CHOICES,
  findSchemaChoice,
  matchesPattern,
  MAX_CHOICES,
  parseSchemaChoices,
  removeSchemaChoice,
  setSchemaChoice,
  type SchemaChoice,
} from '../../../../src/core/protobuf/schema-choice';

const choice = (urlPattern: string, direction: SchemaChoice['direction'], typeName: string): SchemaChoice => ({
  urlPattern,
  direction,
  typeName,
  framing: 'none',
});

describe('schema choice per URL pattern and direction', () => {
  const state = [
    choice('wss://api.example.com/*', 'both', 'api.Any'),
    choice('wss://api.example.com/feed', 'in', 'feed.Update'),
    choice('wss://api.example.com/feed', 'out', 'feed.Command'),
  ].reduce(setSchemaChoice, EMPTY_SCHEMA_CHOICES);

  it('the most specific pattern wins, then the direction', () => {
    expect(findSchemaChoice(state, 'wss://api.example.com/feed', 'in')?.typeName).toBe('feed.Update');
    expect(findSchemaChoice(state, 'wss://api.example.com/feed', 'out')?.typeName).toBe('feed.Command');
    expect(findSchemaChoice(state, 'wss://api.example.com/other', 'in')?.typeName).toBe('api.Any');
    expect(findSchemaChoice(state, 'wss://elsewhere/', 'in')).toBeNull();
  });

  it('setting the same pattern and direction replaces; removing removes', () => {
    const next = setSchemaChoice(state, choice('wss://api.example.com/feed', 'in', 'feed.V2'));
    expect(next.choices).toHaveLength(3);
    expect(findSchemaChoice(next, 'wss://api.example.com/feed', 'in')?.typeName).toBe('feed.V2');
    const fewer = removeSchemaChoice(next, 'wss://api.example.com/feed', 'in');
    expect(findSchemaChoice(fewer, 'wss://api.example.com/feed', 'in')?.typeName).toBe('api.Any');
  });

  it('is serialisable: JSON round trip gives the same state', () => {
    expect(parseSchemaChoices(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('stored data is untrusted: malformed entries are dropped, never thrown on', () => {
    for (const stored of [null, 5, 'x', [], { choices: 'x' }, { choices: [null, 1, {}] }])
      expect(parseSchemaChoices(stored)).toEqual(EMPTY_SCHEMA_CHOICES);
    const mixed = {
      choices: [
        { urlPattern: 'a', direction: 'sideways', typeName: 'T' },
        { urlPattern: 'a', direction: 'in', typeName: 'T', framing: 'toString' },
        { urlPattern: 'a', direction: 'in', typeName: 'T' },
      ],
    };
    expect(parseSchemaChoices(mixed).choices).toEqual([choice('a', 'in', 'T')]);
    const many = { choices: Array.from({ length: MAX_CHOICES + 10 }, (_, i) => choice(`u${i}`, 'in', 'T')) };
    expect(parseSchemaChoices(many).choices).toHaveLength(MAX_CHOICES);
  });

  it('patterns: * is any run of characters', () => {
    expect(matchesPattern('wss://h/*', 'wss://h/')).toBe(true);
    expect(matchesPattern('wss://*/ws?*', 'wss://a.b/ws?x=1')).toBe(true);
    expect(matchesPattern('wss://*/ws', 'wss://a/b/wsx')).toBe(false);
    expect(matchesPattern('a*a', 'a')).toBe(false);
    expect(matchesPattern('exact', 'exact')).toBe(true);
  });

  it('names the decoder for the framing', () => {
    expect(decoderIdFor({ ...choice('u', 'in', 'T'), framing: 'grpc-web' })).toBe('grpc-web');
    expect(decoderIdFor({ ...choice('u', 'in', 'T'), framing: 'varint' })).toBe('protobuf-delimited');
  });
});
