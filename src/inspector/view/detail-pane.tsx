import { useMemo, useState } from 'preact/hooks';
import { errorText } from '../../core/errors';
import { formatBytes, formatClock, makeVisible } from '../../core/format';
import {
  base64View,
  DETAIL_LIMIT_STEPS,
  findEmbeddedJson,
  hexView,
  jsonView,
  textView,
} from '../../core/payload-views';
import type { SocketEvent, WirePayload } from '../../protocol';
import { writeClipboard } from './clipboard';
import { copyAs, type CopyFormat } from '../model/copy-formats';
import { DecodedView } from './decoded-view';
import { eventSize } from '../model/event-size';
import { eventSummary } from '../model/event-summary';
import { JsonTreeView } from './json-tree-view';
import type { SocketSummary } from '../model/socket-summary';

type View = 'Decoded' | 'Text' | 'JSON' | 'Hex' | 'Base64';
const VIEWS: readonly View[] = ['Decoded', 'Text', 'JSON', 'Hex', 'Base64'];
/** First byte budget of each view: a hex dump of 1 MiB would be 65,536 lines. */
const FIRST_LIMIT: Record<View, number> = {
  Decoded: DETAIL_LIMIT_STEPS[1]!,
  Text: DETAIL_LIMIT_STEPS[1]!,
  JSON: DETAIL_LIMIT_STEPS[1]!,
  Hex: DETAIL_LIMIT_STEPS[0]!,
  Base64: DETAIL_LIMIT_STEPS[1]!,
};
const COPY: readonly [CopyFormat, string][] = [
  ['text', 'Copy text'],
  ['json', 'Copy JSON'],
  ['hex', 'Copy hex'],
  ['code', 'Copy as code'],
];

/**
 * Details of the selected row, the same in both UIs: views of a frame's payload (decoded, text
 * with invalid UTF-8 as `\x80`, JSON tree, hex, base64), copy buttons that take the whole
 * frame, or a lifecycle event's fields.
 */
export function DetailPane({
  event,
  socket,
  onClose,
}: {
  event: SocketEvent;
  socket: SocketSummary | undefined;
  onClose: () => void;
}) {
  const [view, setView] = useState<View>('Text');
  const [status, setStatus] = useState('');
  const where = socket?.url ? makeVisible(socket.url) : '(socket opened before capture)';
  if (event.type !== 'frame') {
    return (
      <section class="pdetail" role="region" aria-label="Details">
        <div class="pdetail-title">
          <p class="pdetail-head">{`${formatClock(event.time)} · ${where}`}</p>
          <button
            type="button"
            class="icon-button"
            aria-label="Close details"
            title="Close details (Esc in the table)"
            onClick={onClose}
          >
            ×
          </button>
        </div>
        <p class="pdetail-lifecycle">{`${event.type}: ${eventSummary(event)}`}</p>
        {event.type === 'created' && event.frameUrl && (
          <p>{`Created by the document ${makeVisible(event.frameUrl)}`}</p>
        )}
        {event.type === 'created' && event.initiator && (
          <pre class="payload-text payload-view" aria-label="Initiator stack">
            {event.initiator}
          </pre>
        )}
      </section>
    );
  }
  const copy = (format: CopyFormat, label: string) => {
    const result = copyAs(format, event.payload);
    if (!result.ok) return setStatus(result.error);
    writeClipboard(result.text).then(
      () => setStatus(`${label.replace('Copy', 'Copied')} (${result.text.length.toLocaleString()} characters)`),
      (error: unknown) => setStatus(`Could not copy: ${errorText(error)}`),
    );
  };
  return (
    <section class="pdetail" role="region" aria-label="Details">
      <div class="pdetail-title">
        <p class="pdetail-head">
          {`${event.direction === 'out' ? '↑ Sent' : '↓ Received'} · ${event.payload.kind} · ${formatBytes(eventSize(event))} · ${formatClock(event.time)} · ${where}`}
        </p>
        <button
          type="button"
          class="icon-button"
          aria-label="Close details"
          title="Close details (Esc in the table)"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div class="pdetail-bar">
        <div role="tablist" aria-label="Payload view" class="pdetail-tabs">
          {VIEWS.map((v) => (
            <button
              key={v}
              role="tab"
              id={`view-${v}`}
              aria-selected={view === v}
              aria-controls="payload-view"
              class="tab"
              onClick={() => setView(v)}
            >
              {v}
            </button>
          ))}
        </div>
        <div class="pdetail-copy">
          {COPY.map(([format, label]) => (
            <button key={format} class="secondary" onClick={() => copy(format, label)}>
              {label}
            </button>
          ))}
        </div>
      </div>
      <p role="status" aria-label="Copy status" class="notice">
        {status}
      </p>
      <div id="payload-view" role="tabpanel" aria-labelledby={`view-${view}`} class="payload-view">
        {view === 'Decoded' ? (
          <DecodedView event={event} socket={socket} />
        ) : (
          <PayloadView key={`${view}:${event.time}`} view={view} payload={event.payload} total={eventSize(event)} />
        )}
      </div>
    </section>
  );
}

function PayloadView({
  view,
  payload,
  total,
}: {
  view: Exclude<View, 'Decoded'>;
  payload: WirePayload;
  total: number;
}) {
  const [limit, setLimit] = useState(FIRST_LIMIT[view]);
  const shown = useMemo(() => render(view, payload, limit), [view, payload, limit]);
  const next = DETAIL_LIMIT_STEPS.find((s) => s > limit);
  return (
    <>
      {shown.truncated && (
        <p class="notice">
          {`Showing the first ${formatBytes(limit)} of ${formatBytes(total)}. `}
          {next !== undefined && (
            <button class="secondary" onClick={() => setLimit(next)}>{`Show the first ${formatBytes(next)}`}</button>
          )}
        </p>
      )}
      {shown.error ? (
        <p class="notice">{shown.error}</p>
      ) : shown.tree !== undefined ? (
        <>
          <JsonTreeView value={shown.tree} />
          <EmbeddedJsonViews value={shown.tree} />
        </>
      ) : (
        // A document of its own: focusable, so the keyboard scrolls a long payload.
        <pre class="payload-text" role="document" aria-label="Payload" tabIndex={0}>
          {shown.text}
        </pre>
      )}
    </>
  );
}

function render(
  view: Exclude<View, 'Decoded'>,
  payload: WirePayload,
  limit: number,
): { text?: string; tree?: unknown; error?: string; truncated: boolean } {
  switch (view) {
    case 'Text': {
      const t = textView(payload, limit);
      return { text: t.rendered, truncated: t.truncated };
    }
    case 'JSON': {
      const j = jsonView(payload, limit);
      return j.ok
        ? { tree: j.value, truncated: false }
        : { error: `Not JSON: ${j.error}`, truncated: j.tooLarge === true };
    }
    case 'Hex': {
      const h = hexView(payload, limit);
      return { text: h.lines.join('\n'), truncated: h.truncated };
    }
    case 'Base64': {
      const b = base64View(payload, limit);
      return { text: b.base64, truncated: b.truncated };
    }
  }
}

/** JSON found inside string values (a common double encoding), each as its own tree. */
function EmbeddedJsonViews({ value }: { value: unknown }) {
  const found = useMemo(() => findEmbeddedJson(value, { maxResults: 20 }), [value]);
  if (found.length === 0) return null;
  return (
    <section aria-label="JSON inside strings">
      {found.map((f) => (
        <div key={f.pointer}>
          <p class="notice">{`JSON inside the string at ${makeVisible(f.pointer || '/')}${f.level > 1 ? ` (level ${f.level})` : ''}`}</p>
          <JsonTreeView value={f.value} />
        </div>
      ))}
    </section>
  );
}
