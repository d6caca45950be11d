import { useState } from 'preact/hooks';
import { describeRepeat, parseRepeatFields } from '../core/repeat';
import type { ComposerDraft } from '../inspector/view/composer';
import type { RepeatStatus } from '../protocol';
import type { PopupStore } from './popup-store';

/**
 * The popup's own part of the composer: send the message every N ms, M times or until
 * stopped. The background sends (and expands {{variables}} for) each repeat, so it goes on
 * with the popup closed.
 */
export function RepeatControls({
  store,
  draft,
  status,
  onStarted,
}: {
  store: PopupStore;
  draft: ComposerDraft;
  status: RepeatStatus | null;
  onStarted: () => void;
}) {
  const [repeating, setRepeating] = useState(false);
  const [every, setEvery] = useState('1000');
  const [times, setTimes] = useState('');
  const start = () => {
    const schedule = parseRepeatFields(every, times);
    if (!schedule.ok) return store.showError(schedule.error);
    if (store.startRepeat({ ...draft, ...schedule.value })) onStarted();
  };
  return (
    <div class="repeat-row">
      <label class="check">
        <input type="checkbox" checked={repeating} onChange={(e) => setRepeating(e.currentTarget.checked)} />
        <span>Repeat</span>
      </label>
      {repeating && (
        <>
          <label class="field inline">
            <span>Every (ms)</span>
            <input
              type="text"
              inputMode="numeric"
              size={7}
              value={every}
              onInput={(e) => setEvery(e.currentTarget.value)}
            />
          </label>
          <label class="field inline">
            <span>Times</span>
            <input
              type="text"
              inputMode="numeric"
              size={7}
              value={times}
              placeholder="until stopped"
              onInput={(e) => setTimes(e.currentTarget.value)}
            />
          </label>
          <button type="button" class="secondary" onClick={start}>
            Start repeating
          </button>
        </>
      )}
      {status && (
        <span class="repeat-status">
          <span role="status" aria-label="Repeat">
            {describeRepeat(status)}
          </span>
          <button type="button" class="secondary" onClick={() => store.stopRepeat()}>
            Stop repeating
          </button>
        </span>
      )}
    </div>
  );
}
