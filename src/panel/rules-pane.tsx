import { useMemo, useState } from 'preact/hooks';
import type { FrameRule, SocketEvent } from '../protocol';
import { useStore } from '../ui/use-store';
import { describeRule, type ActStore } from './act-store';

type Action = FrameRule['action']['type'];

/** Hits per rule, counted from the marks on captured frames. */
export function ruleHits(events: readonly SocketEvent[]): Map<string, number> {
  const hits = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'frame' && e.mark && 'ruleId' in e.mark) hits.set(e.mark.ruleId, (hits.get(e.mark.ruleId) ?? 0) + 1);
  }
  return hits;
}

/** Block, replace or delay frames of the tab's sockets, in either direction. */
export function RulesPane({ store, events }: { store: ActStore; events: readonly SocketEvent[] }) {
  const state = useStore(store);
  const [direction, setDirection] = useState<FrameRule['direction']>('in');
  const [urlContains, setUrlContains] = useState('');
  const [pattern, setPattern] = useState('');
  const [action, setAction] = useState<Action>('block');
  const [argument, setArgument] = useState('');
  // Events only grow between snapshots, so their count is enough to know when to recount.
  const hits = useMemo(() => ruleHits(events), [events, events.length]);

  const add = () => {
    const a: FrameRule['action'] =
      action === 'block'
        ? { type: 'block' }
        : action === 'replace'
          ? { type: 'replace', replacement: argument }
          : { type: 'delay', ms: Number(argument) || 0 };
    store.addRule({ direction, urlContains, pattern, action: a });
  };

  return (
    <section class="rules" aria-labelledby="rules-title">
      <h3 id="rules-title">Rules</h3>
      <div class="act-row">
        <label class="field">
          <span>Direction</span>
          <select value={direction} onChange={(e) => setDirection(e.currentTarget.value as FrameRule['direction'])}>
            <option value="in">Incoming</option>
            <option value="out">Outgoing</option>
            <option value="both">Both</option>
          </select>
        </label>
        <label class="field">
          <span>URL contains</span>
          <input type="text" value={urlContains} onInput={(e) => setUrlContains(e.currentTarget.value)} />
        </label>
        <label class="field grow">
          <span>Pattern (regex)</span>
          <input type="text" value={pattern} spellcheck={false} onInput={(e) => setPattern(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Action</span>
          <select value={action} onChange={(e) => setAction(e.currentTarget.value as Action)}>
            <option value="block">Block</option>
            <option value="replace">Replace</option>
            <option value="delay">Delay</option>
          </select>
        </label>
        {action !== 'block' && (
          <label class="field">
            <span>{action === 'replace' ? 'Replacement ($1 for groups)' : 'Delay (ms)'}</span>
            <input
              type={action === 'delay' ? 'number' : 'text'}
              value={argument}
              onInput={(e) => setArgument(e.currentTarget.value)}
            />
          </label>
        )}
        <button type="button" onClick={add}>
          Add rule
        </button>
      </div>
      <ul class="rule-list" aria-label="Active rules">
        {state.rules.map((rule) => (
          <li key={rule.id}>
            <label>
              <input type="checkbox" checked={rule.enabled} onChange={() => store.toggleRule(rule.id)} />
              {` ${describeRule(rule)}`}
            </label>
            <span class="rule-hits">{` ${hits.get(rule.id) ?? 0} hits `}</span>
            <button type="button" aria-label={`Remove rule ${rule.id}`} onClick={() => store.removeRule(rule.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
