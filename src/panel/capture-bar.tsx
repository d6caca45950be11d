import { useState } from 'preact/hooks';
import { errorText } from '../core/errors';
import type { InspectorState } from '../inspector/model/inspector-store';
import { downloadText, exportFileName, sessionFiles } from '../inspector/view/download';
import type { PanelState, PanelStore } from './panel-store';

interface CaptureBarProps {
  readonly store: PanelStore;
  readonly panel: PanelState;
  readonly inspector: InspectorState;
  readonly socketsOpen: boolean;
  readonly onToggleSockets: () => void;
  readonly statsOpen: boolean;
  readonly onToggleStats: () => void;
  readonly showDelta: boolean;
  readonly onToggleDelta: () => void;
  /** Whether the Act drawer is open; null when the panel cannot act (no page to act on). */
  readonly actOpen: boolean | null;
  readonly onToggleAct: () => void;
}

/**
 * The panel's toolbar: sockets, pause, clear, stats, Δ column, export and import, Act; the
 * status line with counts and drops; whether the capture is saved.
 */
export function CaptureBar(props: CaptureBarProps) {
  const { store, panel, inspector: state } = props;
  const [fileMessage, setFileMessage] = useState('');
  const live = panel.importedFrom === null;
  const view = panel.view;
  const exportAs = async (ext: 'har' | 'json') => {
    const events = state.events.all();
    const files = await sessionFiles();
    const body = ext === 'har' ? files.exportHarFile(events) : files.exportJsonFile(events);
    downloadText(exportFileName(ext), JSON.stringify(body), 'application/json');
    setFileMessage(`Exported ${events.length.toLocaleString()} events as ${ext.toUpperCase()}`);
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire change again
    if (!file) return;
    try {
      const session = (await sessionFiles()).importSessionFile(await file.text());
      store.showImported(file.name, session.events);
      setFileMessage(
        [`Imported ${session.events.length.toLocaleString()} events from ${file.name}`, ...session.warnings].join(
          ' · ',
        ),
      );
    } catch (error) {
      setFileMessage(`Could not import ${file.name}: ${errorText(error)}`);
    }
  };
  const total = state.events.end - state.events.head;
  const hidden = state.paused ? state.events.end - state.pausedAt : 0;
  const shownText =
    state.filterActive || state.selectedSocket !== null
      ? `${state.rows.count.toLocaleString()} of ${total.toLocaleString()} events`
      : `${state.rows.count.toLocaleString()} events`;
  return (
    <div class="capture-bar">
      <div class="actions" role="toolbar" aria-label="Capture">
        <button
          class="secondary"
          aria-expanded={props.socketsOpen}
          aria-controls="socket-pane"
          onClick={props.onToggleSockets}
        >
          Sockets
        </button>
        <button
          class="secondary"
          aria-pressed={state.paused}
          disabled={!live}
          onClick={() => view.setPaused(!state.paused)}
        >
          {state.paused ? 'Resume' : 'Pause'}
        </button>
        <button class="secondary" disabled={!live} onClick={() => store.clear()}>
          Clear
        </button>
        <button class="secondary" aria-expanded={props.statsOpen} onClick={props.onToggleStats}>
          Stats
        </button>
        <button class="secondary" aria-pressed={props.showDelta} onClick={props.onToggleDelta}>
          Δ column
        </button>
        <button class="secondary" onClick={() => void exportAs('har')}>
          Export HAR
        </button>
        <button class="secondary" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <label class="file-button">
          Import HAR or JSON
          <input
            type="file"
            accept=".har,.json,application/json"
            class="visually-hidden"
            onChange={(e) => void importFile(e.currentTarget)}
          />
        </label>
        {props.actOpen !== null && (
          <button class="secondary" aria-expanded={props.actOpen} aria-controls="act-panel" onClick={props.onToggleAct}>
            Act
          </button>
        )}
      </div>
      {panel.linkProblem && (
        <p class="error" role="alert">
          {panel.linkProblem}
        </p>
      )}
      {panel.saveProblem && (
        // An alert: the user may be about to lose the capture (quota full), not a passing status.
        <p class="error save-problem" role="alert">
          {panel.saveProblem.message}
        </p>
      )}
      {!live && (
        <p class="imported" role="note">
          {`Viewing ${panel.importedFrom} (saved session, offline). `}
          <button class="secondary" onClick={() => store.showLive()}>
            Back to live capture
          </button>
        </p>
      )}
      <div class="capture-status" role="status" aria-label="Capture status">
        <span>{shownText}</span>
        {hidden > 0 && <span class="paused">{`Paused: ${hidden.toLocaleString()} new events not shown`}</span>}
        {state.paused && hidden === 0 && <span class="paused">Paused</span>}
        {live && panel.dropped > 0 && (
          <span class="dropped">{`${panel.dropped.toLocaleString()} frames dropped (capture limit reached)`}</span>
        )}
        {fileMessage && <span>{fileMessage}</span>}
      </div>
    </div>
  );
}
