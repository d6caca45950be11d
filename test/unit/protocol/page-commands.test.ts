import { describe, expect, it } from 'vitest';
import {
  isBackgroundToRelay,
  isFrameMark,
  isFrameRule,
  isPageCommand,
  isPanelToBackground,
  isSocketEvent,
} from '../../../src/protocol';

const rule = {
  id: 'r1',
  enabled: true,
  direction: 'in',
  urlContains: '',
  pattern: '^ping$',
  action: { type: 'replace', replacement: 'pong' },
};

describe('protocol guards for page commands and rules', () => {
  it('accepts well-formed rules and rejects invalid patterns, directions, actions and delays', () => {
    expect(isFrameRule(rule)).toBe(true);
    expect(isFrameRule({ ...rule, action: { type: 'block' } })).toBe(true);
    expect(isFrameRule({ ...rule, action: { type: 'delay', ms: 250 } })).toBe(true);
    expect(isFrameRule({ ...rule, pattern: '(' })).toBe(false);
    expect(isFrameRule({ ...rule, pattern: 'x'.repeat(4_097) })).toBe(false);
    expect(isFrameRule({ ...rule, direction: 'sideways' })).toBe(false);
    expect(isFrameRule({ ...rule, action: { type: 'delay', ms: -1 } })).toBe(false);
    expect(isFrameRule({ ...rule, action: { type: 'delay', ms: 600_001 } })).toBe(false);
    expect(isFrameRule({ ...rule, action: { type: 'replace' } })).toBe(false);
    expect(isFrameRule({ ...rule, action: { type: 'explode' } })).toBe(false);
    expect(isFrameRule({ ...rule, enabled: 'yes' })).toBe(false);
  });

  it('checks every page command', () => {
    const text = { kind: 'text', text: 'hi' };
    expect(isPageCommand({ type: 'send', socketId: 's', payload: text })).toBe(true);
    expect(isPageCommand({ type: 'fake-incoming', socketId: 's', payload: { kind: 'binary', base64: 'AQ==' } })).toBe(
      true,
    );
    expect(isPageCommand({ type: 'fake-incoming', socketId: 's', payload: { kind: 'binary', base64: 'A' } })).toBe(
      false,
    );
    expect(isPageCommand({ type: 'simulate-close', socketId: 's', code: 1006, reason: 'gone' })).toBe(true);
    expect(isPageCommand({ type: 'simulate-close', socketId: 's', code: 999, reason: '' })).toBe(false);
    expect(isPageCommand({ type: 'simulate-close', socketId: 's', code: 1000, reason: 'x'.repeat(124) })).toBe(false);
    expect(isPageCommand({ type: 'simulate-error', socketId: 's' })).toBe(true);
    expect(isPageCommand({ type: 'simulate-error' })).toBe(false);
    expect(isPageCommand({ type: 'set-rules', rules: [rule] })).toBe(true);
    expect(isPageCommand({ type: 'set-rules', rules: [{ ...rule, pattern: '[' }] })).toBe(false);
    expect(isPageCommand({ type: 'set-rules', rules: Array(201).fill(rule) })).toBe(false);
    expect(isPageCommand({ type: 'eval', code: 'alert(1)' })).toBe(false);
  });

  it('routes commands only in the right envelopes', () => {
    const command = { type: 'simulate-error', socketId: 's' };
    expect(isPanelToBackground({ source: 'socket-scope-panel', type: 'page-command', id: 1, tabId: 3, command })).toBe(
      true,
    );
    expect(
      isPanelToBackground({ source: 'socket-scope-panel', type: 'page-command', id: 1, tabId: '3', command }),
    ).toBe(false);
    expect(isPanelToBackground({ source: 'socket-scope-relay', type: 'page-command', id: 1, tabId: 3, command })).toBe(
      false,
    );
    expect(isBackgroundToRelay({ source: 'socket-scope-background', type: 'page-command', command })).toBe(true);
    expect(isBackgroundToRelay({ source: 'socket-scope-background', type: 'page-command', command: {} })).toBe(false);
    expect(isBackgroundToRelay({ source: 'socket-scope-background', type: 'saved', seq: 41 })).toBe(true);
    expect(isBackgroundToRelay({ source: 'socket-scope-background', type: 'saved', seq: -1 })).toBe(false);
    expect(isBackgroundToRelay({ source: 'socket-scope-background', type: 'saved' })).toBe(false);
    expect(isBackgroundToRelay({ source: 'socket-scope-relay', type: 'saved', seq: 1 })).toBe(false);
  });

  it('accepts frame marks and frames carrying them', () => {
    expect(isFrameMark({ kind: 'panel-send' })).toBe(true);
    expect(isFrameMark({ kind: 'replaced', ruleId: 'r', original: { kind: 'text', text: 'a' } })).toBe(true);
    expect(isFrameMark({ kind: 'replaced', ruleId: 'r' })).toBe(false);
    expect(isFrameMark({ kind: 'delayed', ruleId: 'r', delayMs: 5 })).toBe(true);
    expect(isFrameMark({ kind: 'teleported' })).toBe(false);
    const frame = { type: 'frame', socketId: 's', time: 1, direction: 'in', payload: { kind: 'text', text: 'a' } };
    expect(isSocketEvent({ ...frame, mark: { kind: 'blocked', ruleId: 'r' } })).toBe(true);
    expect(isSocketEvent({ ...frame, mark: { kind: 'blocked' } })).toBe(false);
  });
});
