import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { downloadText, exportFileName } from './file-io';
import type { PanelState, PanelStore } from './panel-store';
import { exportHarFile, exportJsonFile, importSessionFile } from './session-file';

interface CaptureBarProps {
  readonly store: PanelStore;
  readonly state: PanelState;
  readonly socketsOpen: boolean;
  readonly onToggleSockets: () => void;
  readonly statsOpen: boolean;
  readonly onToggleStats: () => void;
  /** Room for the "act on the page's sockets" controls (send, fake, rules), built separately. */
  readonly actions?: ComponentChildren;
}

/** Pause, clear, stats, export and import, the status line with counts and drops, and whether the capture is saved. */
export function CaptureBar({
  store,
  state,
  socketsOpen,
  onToggleSockets,
  statsOpen,
  onToggleStats,
  actions,
}: CaptureBarProps) {
  const [fileMessage, setFileMessage] = useState('');
  const live = state.importedFrom === null;
  const exportAs = (ext: 'har' | 'json') => {
    const body = ext === 'har' ? exportHarFile(state.events) : exportJsonFile(state.events);
    downloadText(exportFileName(ext), JSON.stringify(body), 'application/json');
    setFileMessage(`Exported ${state.events.length.toLocaleString()} events as ${ext.toUpperCase()}`);
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire change again
    if (!file) return;
    try {
      const session = importSessionFile(await file.text());
      store.showImported(file.name, session.events);
      setFileMessage(
        [`Imported ${session.events.length.toLocaleString()} events from ${file.name}`, ...session.warnings].join(
          ' · ',
        ),
      );
    } catch (error) {
      setFileMessage(`Could not import ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const hidden = state.paused ? state.events.length - state.pausedAt : 0;
  const shownText =
    state.filterActive || state.selectedSocket !== null
      ? `${state.shown.length.toLocaleString()} of ${state.events.length.toLocaleString()} events`
      : `${state.shown.length.toLocaleString()} events`;
  return (
    <div class="capture-bar">
      <div class="actions" role="toolbar" aria-label="Capture">
        <button class="secondary" aria-expanded={socketsOpen} aria-controls="socket-pane" onClick={onToggleSockets}>
          Sockets
        </button>
        <button
          class="secondary"
          aria-pressed={state.paused}
          disabled={!live}
          onClick={() => store.setPaused(!state.paused)}
        >
          {state.paused ? 'Resume' : 'Pause'}
        </button>
        <button class="secondary" disabled={!live} onClick={() => store.clear()}>
          Clear
        </button>
        <button class="secondary" aria-expanded={statsOpen} onClick={onToggleStats}>
          Stats
        </button>
        <button class="secondary" onClick={() => exportAs('har')}>
          Export HAR
        </button>
        <button class="secondary" onClick={() => exportAs('json')}>
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
        {actions}
      </div>
      {state.linkProblem && (
        <p class="error" role="alert">
          {state.linkProblem}
        </p>
      )}
      {state.saveProblem && (
        // An alert: the user may be about to lose the capture (quota full), not a passing status.
        <p class="error save-problem" role="alert">
          {state.saveProblem.message}
        </p>
      )}
      {!live && (
        <p class="imported" role="note">
          {`Viewing ${state.importedFrom} (saved session, offline). `}
          <button class="secondary" onClick={() => store.showLive()}>
            Back to live capture
          </button>
        </p>
      )}
      <div class="capture-status" role="status" aria-label="Capture status">
        <span>{shownText}</span>
        {hidden > 0 && <span class="paused">{`Paused: ${hidden.toLocaleString()} new events not shown`}</span>}
        {state.paused && hidden === 0 && <span class="paused">Paused</span>}
        {state.dropped > 0 && (
          <span class="dropped">{`${state.dropped.toLocaleString()} frames dropped (capture limit reached)`}</span>
        )}
        {fileMessage && <span>{fileMessage}</span>}
      </div>
    </div>
  );
}
