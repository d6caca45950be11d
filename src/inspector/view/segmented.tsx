/** A row of mutually exclusive buttons (radio group), operable by mouse and keyboard. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  names,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  names?: Partial<Record<T, string>>;
}) {
  return (
    <div class="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          role="radio"
          aria-checked={o === value}
          aria-label={`${label}: ${names?.[o] ?? o}`}
          tabIndex={o === value ? 0 : -1}
          onClick={() => onChange(o)}
          onKeyDown={(e) => {
            const step =
              e.key === 'ArrowRight' || e.key === 'ArrowDown'
                ? 1
                : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
                  ? -1
                  : 0;
            if (!step) return;
            e.preventDefault();
            const next = options[(options.indexOf(value) + step + options.length) % options.length]!;
            onChange(next);
            const group = e.currentTarget.parentElement;
            queueMicrotask(() => group?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus());
          }}
        >
          {names?.[o] ?? o}
        </button>
      ))}
    </div>
  );
}
