import { useRef, useState } from 'preact/hooks';
import type { EventStore } from '../inspector/model/event-store';
import type { FrameRule } from '../protocol';
import { useStore } from '../inspector/view/use-store';
import { describeRule, type ActStore } from './act-store';

type Action = FrameRule['action']['type'];

/** Hits per rule, counted from the marks on the kept frames (store indices `from` to `to`). */
export function ruleHits(events: EventStore, from = events.head, to = events.end, hits = new Map<string, number>()) {
  for (let i = Math.max(from, events.head); i < to; i++) {
    const e = events.at(i);
    if (e.type === 'frame' && e.mark && 'ruleId' in e.mark) hits.set(e.mark.ruleId, (hits.get(e.mark.ruleId) ?? 0) + 1);
  }
  return hits;
}

const hitsText = (n: number) => `${n.toLocaleString()} hit${n === 1 ? '' : 's'}`;

/** Rule hits kept current as frames arrive: only new frames are counted; a new snapshot counts again. */
function useRuleHits(events: EventStore, revision: number): ReadonlyMap<string, number> {
  const counted = useRef<{ events: EventStore; head: number; to: number; hits: Map<string, number> } | null>(null);
  const c = counted.current;
  // A store that evicted or was emptied since (its head moved) is counted again from the start.
  if (!c || c.events !== events || c.head !== events.head || c.to > events.end) {
    const fresh = { events, head: events.head, to: events.end, hits: ruleHits(events) };
    counted.current = fresh;
    return fresh.hits;
  }
  if (c.to < events.end) {
    ruleHits(events, c.to, events.end, c.hits);
    c.to = events.end;
  }
  void revision; // re-rendered on each revision: the counts above follow it
  return c.hits;
}

/** Block, replace or delay frames of the tab's sockets, in either direction. */
export function RulesPane({ store, events, revision }: { store: ActStore; events: EventStore; revision: number }) {
  const state = useStore(store);
  const [direction, setDirection] = useState<FrameRule['direction']>('in');
  const [urlContains, setUrlContains] = useState('');
  const [pattern, setPattern] = useState('');
  const [action, setAction] = useState<Action>('block');
  const [argument, setArgument] = useState('');
  const hits = useRuleHits(events, revision);

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
      </div>
      <div class="act-row">
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
            <span class="rule-hits">{` ${hitsText(hits.get(rule.id) ?? 0)} `}</span>
            <button type="button" aria-label={`Remove rule ${rule.id}`} onClick={() => store.removeRule(rule.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
