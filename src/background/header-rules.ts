import { headerRule } from '../core/handshake-headers';
import type { HandshakeHeader } from '../protocol';

/** The part of declarativeNetRequest this needs (injected: unit tests pass a fake). */
export interface SessionRulesApi {
  updateSessionRules(options: { addRules?: ReturnType<typeof headerRule>[]; removeRuleIds?: number[] }): Promise<void>;
  getSessionRules(): Promise<{ id: number }[]>;
}

/**
 * Handshake headers as session rules: one rule per connection attempt, added just before the
 * socket is created and removed once the handshake is over (open or failed).
 */
export function createHeaderRules(getApi: () => SessionRulesApi | undefined) {
  // The API appears only once the optional permission is granted: look it up at each use.
  const dnr = {
    updateSessionRules: (o: Parameters<SessionRulesApi['updateSessionRules']>[0]) => required().updateSessionRules(o),
    getSessionRules: () => required().getSessionRules(),
  };
  const required = () => {
    const api = getApi();
    if (!api) throw new Error('the declarativeNetRequest permission was not granted');
    return api;
  };
  let nextId = 1;
  // Session rules outlive a background restart: rules of a previous run are stale.
  const ready = Promise.resolve()
    .then(() => (getApi() ? dnr.getSessionRules() : []))
    .then((rules) => {
      nextId = Math.max(0, ...rules.map((r) => r.id)) + 1;
      return rules.length ? dnr.updateSessionRules({ removeRuleIds: rules.map((r) => r.id) }) : undefined;
    })
    .catch((error: unknown) => console.warn('could not clear stale header rules', error));

  return {
    /** Adds the rule; resolves with a function that removes it. */
    async apply(url: string, headers: readonly HandshakeHeader[]): Promise<() => void> {
      await ready;
      const id = nextId++;
      await dnr.updateSessionRules({ addRules: [headerRule(id, url, headers)] });
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        dnr
          .updateSessionRules({ removeRuleIds: [id] })
          .catch((error: unknown) => console.warn('could not remove header rule', id, error));
      };
    },
  };
}
export type HeaderRules = ReturnType<typeof createHeaderRules>;
