import { useMemo, useState } from 'preact/hooks';
import { jsonView } from '../core/payload-views/json-view';
import { EventRow } from '../ui/event-row';
import { JsonTreeView } from '../ui/json-tree-view';
import { VirtualList } from '../ui/virtual-list';
import { formatBytes, payloadByteLength } from '../core/format';
import type { SocketEvent } from '../protocol';
import type { ConnectionLog } from './connection-log';
import { DETAIL_FORMATS, MAX_SHOWN_BYTES, renderDetail, shownDetail, type DetailFormat } from './entry-detail';
import type { PopupStore } from './popup-store';
import { Segmented } from './segmented';

const ROW_HEIGHT = 24;
const DIRECTIONS = ['all', 'out', 'in'] as const;
const TYPES = ['all', 'text', 'binary', 'lifecycle'] as const;

export function LogToolbar({ store }: { store: PopupStore }) {
  const { filter, filterError } = store.getState();
  return (
    <div class="log-toolbar">
      <label class="field grow">
        <span>Filter</span>
        <input
          type="search"
          aria-label="Filter"
          value={filter.text}
          spellcheck={false}
          onInput={(e) => store.setFilter({ text: e.currentTarget.value })}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={filter.regex}
          onChange={(e) => store.setFilter({ regex: e.currentTarget.checked })}
        />
        <span>Regex</span>
      </label>
      <Segmented
        label="Direction"
        options={DIRECTIONS}
        value={filter.direction}
        onChange={(direction) => store.setFilter({ direction })}
        names={{ all: 'Both', out: '↑ Sent', in: '↓ Received' }}
      />
      <Segmented
        label="Type"
        options={TYPES}
        value={filter.type}
        onChange={(type) => store.setFilter({ type })}
        names={{ all: 'All', text: 'Text', binary: 'Binary', lifecycle: 'Events' }}
      />
      <button type="button" class="secondary" onClick={() => store.clearLog()}>
        Clear log
      </button>
      {filterError && (
        <p class="error" role="alert">
          {filterError}
        </p>
      )}
    </div>
  );
}

export function LogView({ log, socket }: { log: ConnectionLog | null; socket?: { url: string; protocol: string } }) {
  const [selected, setSelected] = useState<SocketEvent | null>(null);
  const [format, setFormat] = useState<DetailFormat>('text');
  /** The row the keyboard moved to, kept in view by the list. */
  const [revealRow, setRevealRow] = useState<number | null>(null);
  const view = log?.view() ?? { count: 0, at: () => undefined as never };
  const selectedRow = () => {
    for (let i = view.count - 1; i >= 0; i--) if (view.at(i) === selected) return i;
    return -1;
  };
  return (
    <div class="log-area">
      <div
        class="log-list"
        onKeyDown={(e) => {
          const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
          if (!step || view.count === 0) return;
          e.preventDefault();
          const current = selectedRow();
          // With nothing selected, ↑ starts from the newest entry and ↓ from the oldest.
          const row =
            current === -1 ? (step < 0 ? view.count - 1 : 0) : Math.min(view.count - 1, Math.max(0, current + step));
          setSelected(view.at(row));
          setRevealRow(row);
        }}
      >
        <VirtualList
          count={view.count}
          rowHeight={ROW_HEIGHT}
          label="Message log"
          role="log"
          reveal={revealRow}
          renderRow={(i) => {
            const e = view.at(i);
            const rtt = log?.rttOf(e) ?? null;
            return (
              <div
                class={`row-select${e === selected ? ' selected' : ''}`}
                role="button"
                aria-pressed={e === selected}
                onClick={() => setSelected(e)}
              >
                <EventRow event={e} socket={socket} />
                {rtt !== null && <span class="rtt">{` RTT ${rtt.toFixed(1)} ms`}</span>}
              </div>
            );
          }}
        />
      </div>
      {selected && (
        <section class="detail" role="region" aria-label="Entry detail">
          <div class="detail-bar">
            <Segmented
              label="Detail format"
              options={DETAIL_FORMATS}
              value={format}
              onChange={setFormat}
              names={{ text: 'Text', json: 'JSON', hex: 'Hex', base64: 'Base64' }}
            />
            <button
              type="button"
              class="secondary"
              onClick={() => void navigator.clipboard.writeText(renderDetail(selected, format))}
            >
              Copy
            </button>
            <button type="button" class="secondary" onClick={() => setSelected(null)}>
              Close detail
            </button>
          </div>
          <EntryBody event={selected} format={format} />
        </section>
      )}
    </div>
  );
}

/** Largest frame the JSON view parses into a tree; the Text view shows larger ones (and Copy takes them). */
const MAX_JSON_TREE_BYTES = 4 * 1024 * 1024;

/** The entry in the chosen format: JSON as a collapsible tree, everything else as text. */
function EntryBody({ event, format }: { event: SocketEvent; format: DetailFormat }) {
  const json = useMemo(
    () => (format === 'json' && event.type === 'frame' ? jsonView(event.payload, MAX_JSON_TREE_BYTES) : null),
    [event, format],
  );
  const shown = useMemo(() => (json ? null : shownDetail(event, format)), [event, format, json]);
  if (json?.ok) {
    return (
      <div class="detail-body" role="document" aria-label="Entry content" tabIndex={0}>
        <JsonTreeView value={json.value} />
      </div>
    );
  }
  return (
    <>
      {shown?.truncated && event.type === 'frame' && (
        <p class="notice">{`Showing the first ${formatBytes(MAX_SHOWN_BYTES)} of ${formatBytes(payloadByteLength(event.payload))}: Copy takes all of it.`}</p>
      )}
      <pre class="detail-body" role="document" aria-label="Entry content" tabIndex={0}>
        {json ? `Not JSON: ${json.error}` : shown!.text}
      </pre>
    </>
  );
}
