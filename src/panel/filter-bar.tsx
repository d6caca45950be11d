import type { FrameFilter } from './frame-filter';

type Flag = 'regex' | 'matchCase' | 'sent' | 'received' | 'textFrames' | 'binaryFrames' | 'lifecycle';
const FLAGS: readonly [Flag, string][] = [
  ['regex', 'Regex'],
  ['matchCase', 'Match case'],
  ['sent', 'Sent'],
  ['received', 'Received'],
  ['textFrames', 'Text'],
  ['binaryFrames', 'Binary'],
  ['lifecycle', 'Lifecycle'],
];

/** Filter controls; every change goes straight to the store, which filters in time slices. */
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
          aria-invalid={error !== null && filter.text !== ''}
          aria-describedby={error ? 'filter-error' : undefined}
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
      </label>
      {FLAGS.map(([key, label]) => (
        <label key={key} class="check">
          <input type="checkbox" checked={filter[key]} onChange={(e) => set({ [key]: e.currentTarget.checked })} />
          {label}
        </label>
      ))}
      <label class="size">
        Min size
        <input
          type="text"
          inputMode="numeric"
          placeholder="e.g. 1k"
          value={filter.minSize}
          onInput={(e) => set({ minSize: e.currentTarget.value })}
        />
      </label>
      <label class="size">
        Max size
        <input
          type="text"
          inputMode="numeric"
          placeholder="e.g. 2 MiB"
          value={filter.maxSize}
          onInput={(e) => set({ maxSize: e.currentTarget.value })}
        />
      </label>
      {error && (
        <p id="filter-error" class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
