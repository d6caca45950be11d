/**
 * Relay (content script) ↔ background. The relay forwards the hook's batches as they are
 * (hook-wire.ts; creation stacks trimmed): splitting and checking them, reading Blobs, and
 * turning the events into SocketEvents is the background's work, off the page's thread
 * (background/relay-port.ts).
 */
import { isIndex, isRecord } from '../core/guards';
import { parseHookBatch, type HookBatch, type RelayEvent } from './hook-wire';
import { isPageCommand, type PageCommand } from './values';

export type RelayToBackground = {
  readonly source: 'socket-scope-relay';
  readonly type: 'capture';
  /**
   * The relay numbers its messages and keeps each until the background says it is saved; a
   * background that stops first gets the message again on a new port (core/unsaved-chunks.ts).
   */
  readonly seq: number;
  readonly batch: HookBatch;
};

/** A capture message as the background reads it: its batch split into checked events. */
export interface RelayCapture {
  readonly seq: number;
  readonly events: readonly RelayEvent[];
}

/** Reads a relay's message; null when it is not a capture message or any of its events is malformed. */
export function readRelayMessage(x: unknown): RelayCapture | null {
  if (!isRecord(x) || x.source !== 'socket-scope-relay' || x.type !== 'capture' || !isIndex(x.seq)) return null;
  const events = parseHookBatch(x.batch);
  return events ? { seq: x.seq, events } : null;
}

export type BackgroundToRelay =
  | { readonly source: 'socket-scope-background'; readonly type: 'page-command'; readonly command: PageCommand }
  /** Every capture message up to `seq` is saved (or saving is failing, which the panel shows). */
  | { readonly source: 'socket-scope-background'; readonly type: 'saved'; readonly seq: number };

export function isBackgroundToRelay(x: unknown): x is BackgroundToRelay {
  if (!isRecord(x) || x.source !== 'socket-scope-background') return false;
  return x.type === 'saved' ? isIndex(x.seq) : x.type === 'page-command' && isPageCommand(x.command);
}
