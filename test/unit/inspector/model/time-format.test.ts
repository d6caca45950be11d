import { describe, expect, it } from 'vitest';
import { formatDuration, formatSince } from '../../../../src/inspector/model/time-format';

describe('panel time formats', () => {
  it('formats time since open, before open negative', () => {
    expect([0, 12.3456, 59_999, 60_000, 123_456, 3_723_004, -4].map(formatSince)).toEqual([
      '+0.000 s',
      '+0.012 s',
      '+59.999 s',
      '+1:00.000',
      '+2:03.456',
      '+1:02:03.004',
      '-0.004 s',
    ]);
  });

  it('formats durations for the stats line', () => {
    expect([0, 850, 1000, 12_345, 245_000, 7_380_000].map(formatDuration)).toEqual([
      '0 ms',
      '850 ms',
      '1.0 s',
      '12.3 s',
      '4 min 05 s',
      '2 h 03 min',
    ]);
  });
});
