import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, captureLimits, documentOf, sanitizeSettings } from '../../../src/core/settings';

describe('settings', () => {
  it('falls back to defaults for anything missing or malformed', () => {
    expect(sanitizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(sanitizeSettings('x')).toEqual(DEFAULT_SETTINGS);
    expect(sanitizeSettings({ preserveLog: 'yes', captureMaxFrames: 'many', captureMaxMegabytes: NaN })).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  it('keeps valid values and clamps out-of-range ones', () => {
    expect(sanitizeSettings({ preserveLog: true, captureMaxFrames: 5_000, captureMaxMegabytes: 8 })).toEqual({
      preserveLog: true,
      captureMaxFrames: 5_000,
      captureMaxMegabytes: 8,
    });
    expect(sanitizeSettings({ captureMaxFrames: 1, captureMaxMegabytes: 1e9 })).toMatchObject({
      captureMaxFrames: 100,
      captureMaxMegabytes: 2_048,
    });
    expect(sanitizeSettings({ captureMaxFrames: 1234.6 }).captureMaxFrames).toBe(1235);
  });

  it('turns settings into event-log limits in bytes', () => {
    expect(captureLimits({ preserveLog: false, captureMaxFrames: 10, captureMaxMegabytes: 2 })).toEqual({
      maxFrames: 10,
      maxBytes: 2 * 1024 * 1024,
      maxLifecycleEvents: 20_000,
    });
  });

  it('reads the document id out of a page socket id', () => {
    expect(documentOf('k3j9x0ab.12')).toBe('k3j9x0ab');
    expect(documentOf('plain')).toBe('plain');
  });
});
