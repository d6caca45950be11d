import { describe, expect, it } from 'vitest';
import { createHeaderRules, type SessionRulesApi } from '../../../src/background/header-rules';

function fakeDnr(initial: { id: number }[] = []) {
  let rules: { id: number }[] = [...initial];
  const api: SessionRulesApi = {
    async updateSessionRules({ addRules = [], removeRuleIds = [] }) {
      rules = rules.filter((r) => !removeRuleIds.includes(r.id)).concat(addRules);
    },
    async getSessionRules() {
      return rules;
    },
  };
  return { api, rules: () => rules };
}

describe('header rules', () => {
  it('clears stale rules, adds one rule per handshake and removes it once', async () => {
    const dnr = fakeDnr([{ id: 3 }]);
    const headerRules = createHeaderRules(() => dnr.api);
    const remove = await headerRules.apply('ws://h:1/x', [{ name: 'A', value: '1' }]);
    expect(dnr.rules()).toMatchObject([{ id: 4, condition: { urlFilter: '||h:1/x' } }]);
    remove();
    remove();
    await Promise.resolve();
    expect(dnr.rules()).toEqual([]);
  });
  it('fails clearly when the permission was not granted', async () => {
    const headerRules = createHeaderRules(() => undefined);
    await expect(headerRules.apply('ws://h/', [{ name: 'A', value: '1' }])).rejects.toThrow(
      'the declarativeNetRequest permission was not granted',
    );
  });
});
