import { checkCloseRequest } from '../core/close-codes';
import type { FrameRule, PageCommand, WirePayload } from '../protocol';
import type { PanelLink } from './panel-store';

export interface ActState {
  readonly rules: readonly FrameRule[];
  /** The last command's problem (invalid input, socket gone), shown to the user. */
  readonly error: string | null;
  readonly revision: number;
}

/** What the panel does to the page's sockets: send, fake, simulate, and the tab's rules. */
export function createActStore(link: PanelLink, tabId: number) {
  let state: ActState = { rules: [], error: null, revision: 0 };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ActState>) => {
    state = { ...state, ...patch, revision: state.revision + 1 };
    for (const l of listeners) l();
  };
  const run = (command: PageCommand) => {
    set({ error: null });
    void link.request({ type: 'page-command', command }).then((reply) => {
      if (!reply.ok) set({ error: reply.error });
    });
  };
  const setRules = (rules: readonly FrameRule[]) => {
    set({ rules });
    run({ type: 'set-rules', rules });
  };

  link.onPush((message) => {
    if (message.tabId === tabId && message.type === 'rules') set({ rules: message.rules });
  });

  let nextRule = 1;
  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** `send` goes to the server; `fake-incoming` is dispatched to the page as if received. */
    deliver(type: 'send' | 'fake-incoming', socketId: string, payload: WirePayload): boolean {
      run({ type, socketId, payload });
      return true;
    },
    showError: (error: string | null) => set({ error }),
    simulateClose(socketId: string, code: number, reason: string) {
      // Simulated closes may use any code a server could send, not only what close() allows.
      const problem =
        code >= 1000 && code <= 4999
          ? (checkCloseRequest(1000, reason) ?? null)
          : `Close code ${code} is not between 1000 and 4999`;
      if (problem) return set({ error: problem });
      run({ type: 'simulate-close', socketId, code, reason });
    },
    simulateError(socketId: string) {
      run({ type: 'simulate-error', socketId });
    },
    addRule(rule: Omit<FrameRule, 'id' | 'enabled'>) {
      try {
        new RegExp(rule.pattern);
      } catch (error) {
        return set({ error: `Invalid pattern: ${error instanceof Error ? error.message : String(error)}` });
      }
      while (state.rules.some((r) => r.id === `r${nextRule}`)) nextRule++;
      setRules([...state.rules, { ...rule, id: `r${nextRule++}`, enabled: true }]);
    },
    toggleRule(id: string) {
      setRules(state.rules.map((r) => (r.id === id ? { ...r, enabled: !r.enabled } : r)));
    },
    removeRule(id: string) {
      setRules(state.rules.filter((r) => r.id !== id));
    },
  };
}

export type ActStore = ReturnType<typeof createActStore>;

/** How a rule reads in the list: "in · URL ~ chat · /^ping$/ → replace with “pong”". */
export function describeRule(rule: FrameRule): string {
  const scope = [rule.direction === 'both' ? 'both directions' : rule.direction === 'in' ? 'incoming' : 'outgoing'];
  if (rule.urlContains) scope.push(`URL contains “${rule.urlContains}”`);
  scope.push(rule.pattern ? `/${rule.pattern}/` : 'every frame');
  const a = rule.action;
  const action =
    a.type === 'block' ? 'block' : a.type === 'replace' ? `replace with “${a.replacement}”` : `delay ${a.ms} ms`;
  return `${scope.join(' · ')} → ${action}`;
}
