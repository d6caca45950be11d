import { useMemo, useState } from 'preact/hooks';
import { createJsonTree, visibleRows } from '../../core/payload-views/json-tree';
import { makeVisible } from '../../core/format';

/** Rows rendered at most; deeper or longer documents say how many more exist. */
const MAX_ROWS = 2000;

/** A collapsible JSON tree: each container is a button (Enter/Space toggles), leaves are text. */
export function JsonTreeView({ value }: { value: unknown }) {
  const root = useMemo(() => createJsonTree(value), [value]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(['']));
  const rows = visibleRows(root, (pointer) => expanded.has(pointer), MAX_ROWS + 1);
  const toggle = (pointer: string) => {
    const next = new Set(expanded);
    if (!next.delete(pointer)) next.add(pointer);
    setExpanded(next);
  };
  return (
    <div class="json-tree" role="group" aria-label="JSON tree">
      {rows.slice(0, MAX_ROWS).map((node) => {
        const label = `${node.key === '' ? '' : `${makeVisible(node.key)}: `}${node.preview}`;
        const indent = { paddingLeft: `${node.depth * 14}px` };
        return node.expandable ? (
          <button
            key={node.pointer}
            class="jrow jrow-toggle"
            style={indent}
            aria-expanded={expanded.has(node.pointer)}
            onClick={() => toggle(node.pointer)}
          >
            {`${expanded.has(node.pointer) ? '▾' : '▸'} ${label}`}
          </button>
        ) : (
          <div key={node.pointer} class={`jrow jrow-${node.type}`} style={indent}>
            {label}
          </div>
        );
      })}
      {rows.length > MAX_ROWS && (
        <p class="notice">{`Only the first ${MAX_ROWS.toLocaleString()} rows are shown: collapse some nodes to see others.`}</p>
      )}
    </div>
  );
}
