/**
 * Panel ↔ background: the capture of one inspected tab. Every panel → background message is a
 * request with an `id`, answered by a Reply (requests.ts); the background also pushes the tab's
 * capture, its rules and whether it is being saved.
 */
import { isFiniteNumber, isIndex, isRecord } from '../core/guards';
import { isHelloVersion, isReply, type Reply } from './requests';
import {
  isEventList,
  isFrameRule,
  isPageCommand,
  isSaveProblem,
  type FrameRule,
  type PageCommand,
  type SaveProblem,
  type SocketEvent,
} from './values';

type Request<T> = T & { readonly source: 'socket-scope-panel'; readonly id: number; readonly tabId: number };

export type PanelToBackground = Request<
  | { readonly type: 'hello'; readonly version: number }
  /** Watch the tab: a snapshot of its capture, its rules, then updates as they come. */
  | { readonly type: 'subscribe' }
  /** Empties the tab's capture log (frames, lifecycle events, drop count); watchers get a new snapshot. */
  | { readonly type: 'clear' }
  /** Acts on the inspected tab's sockets (send, fake, close, rules): see PageCommand. */
  | { readonly type: 'page-command'; readonly command: PageCommand }
>;

/** A panel request as its sender writes it: the envelope (source, id, tabId) is added when it is sent. */
export type PanelRequest = PanelToBackground extends infer M
  ? M extends PanelToBackground
    ? Omit<M, 'source' | 'id' | 'tabId'>
    : never
  : never;

type Push<T> = T & { readonly source: 'socket-scope-background'; readonly tabId: number };

export type BackgroundToPanel =
  | Push<{
      readonly type: 'capture-snapshot' | 'capture-update';
      readonly events: readonly SocketEvent[];
      readonly dropped: number;
    }>
  /** The tab's rules, sent when a panel subscribes (rules outlive the panel that set them). */
  | Push<{ readonly type: 'rules'; readonly rules: readonly FrameRule[] }>
  /**
   * Saving the tab's capture in browser storage failed (`problem`), or works again (null).
   * Sent when it changes, and after a snapshot while there is a problem (a snapshot starts the
   * panel's view over, so no problem is assumed until told).
   */
  | Push<{ readonly type: 'save-status'; readonly problem: SaveProblem | null }>
  | Reply;

export function isPanelToBackground(x: unknown): x is PanelToBackground {
  if (!isRecord(x) || x.source !== 'socket-scope-panel' || !isIndex(x.id) || !Number.isInteger(x.tabId)) return false;
  switch (x.type) {
    case 'hello':
      return isHelloVersion(x.version);
    case 'page-command':
      return isPageCommand(x.command);
    case 'subscribe':
    case 'clear':
      return true;
    default:
      return false;
  }
}

export function isBackgroundToPanel(x: unknown): x is BackgroundToPanel {
  if (isReply(x)) return true;
  if (!isRecord(x) || x.source !== 'socket-scope-background' || !Number.isInteger(x.tabId)) return false;
  switch (x.type) {
    case 'save-status':
      return x.problem === null || isSaveProblem(x.problem);
    case 'rules':
      return Array.isArray(x.rules) && x.rules.every(isFrameRule);
    case 'capture-snapshot':
    case 'capture-update':
      return isFiniteNumber(x.dropped) && isEventList(x.events);
    default:
      return false;
  }
}
