import type { FrameFilter } from '../model/filter';

type Flag = 'regex' | 'matchCase' | 'sent' | 'received' | 'textFrames' | 'binaryFrames' | 'lifecycle';
/** The flags in groups, as the bar shows them: how the text matches, direction, kind of event. */
const GROUPS: readonly (readonly [Flag, string][])[] = [
  [
    ['regex', 'Regex'],
    ['matchCase', 'Match case'],
  ],
  [
    ['sent', 'Sent'],
    ['received', 'Received'],
  ],
  [
    ['textFrames', 'Text'],
    ['binaryFrames', 'Binary'],
    ['lifecycle', 'Lifecycle'],
  ],
];

/** Filter controls, one toolbar row; every change goes straight to the store, which filters in time slices. */
export function FilterBar({
  filter,
  error,
  onChange,
}: {
  filter: FrameFilter;
  error: string | null;
  onChange: (f: FrameFilter) => void;
}) {
  const set = (patch: Partial<FrameFilter>) => onChange({ ...filter, ...patch });
  return (
    <div class="filter-bar" role="search" aria-label="Filter frames">
      <label class="filter-text">
        <span class="visually-hidden">Filter</span>
        <input
          type="search"
          placeholder={filter.regex ? 'Filter (regular expression)' : 'Filter'}
          value={filter.text}
          spellcheck={false}
          aria-invalid={error !== null && filter.text !== ''}
          aria-describedby={error ? 'filter-error' : undefined}
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
      </label>
      {GROUPS.map((group, i) => (
        <span key={i} class="filter-group">
          {group.map(([key, label]) => (
            <label key={key} class="check">
              <input type="checkbox" checked={filter[key]} onChange={(e) => set({ [key]: e.currentTarget.checked })} />
              {label}
            </label>
          ))}
        </span>
      ))}
      <span class="filter-group size" title="Frame size in bytes: 512, 1k, 2 MiB">
        Size
        <input
          type="text"
          inputMode="numeric"
          aria-label="Min size"
          placeholder="min"
          value={filter.minSize}
          onInput={(e) => set({ minSize: e.currentTarget.value })}
        />
        –
        <input
          type="text"
          inputMode="numeric"
          aria-label="Max size"
          placeholder="max"
          value={filter.maxSize}
          onInput={(e) => set({ maxSize: e.currentTarget.value })}
        />
      </span>
      {error && (
        <p id="filter-error" class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
