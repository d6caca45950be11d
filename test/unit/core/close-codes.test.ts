import { describe, expect, it } from 'vitest';
import { checkCloseRequest, describeCloseCode } from '../../../src/core/close-codes';

describe('describeCloseCode', () => {
  it.each([
    [1000, 'Normal closure'],
    [1001, 'Going away'],
    [1006, 'Abnormal closure (no close frame: refused, dropped or failed handshake)'],
    [1015, 'TLS handshake failure'],
    [3000, 'Registered for libraries and frameworks'],
    [3999, 'Registered for libraries and frameworks'],
    [4000, 'Application-defined'],
    [4999, 'Application-defined'],
    [1004, 'Unknown code'],
    [2999, 'Unknown code'],
    [5000, 'Unknown code'],
    [0, 'Unknown code'],
  ])('%i → %s', (code, meaning) => {
    expect(describeCloseCode(code)).toBe(meaning);
  });
});

describe('checkCloseRequest', () => {
  it.each([1000, 3000, 3500, 4000, 4001, 4999])('accepts code %i', (code) => {
    expect(checkCloseRequest(code, 'bye')).toBeNull();
  });

  it.each([1001, 1005, 1006, 999, 0, 2999, 5000, -1, 4000.5, NaN])('rejects code %d', (code) => {
    expect(checkCloseRequest(code, '')).toBe(`Close code ${code} is not allowed: use 1000 or 3000–4999`);
  });

  const TOO_LONG = 'The close reason must be at most 123 UTF-8 bytes';
  it('limits the reason to 123 UTF-8 bytes, not 123 characters', () => {
    expect(checkCloseRequest(1000, '')).toBeNull();
    expect(checkCloseRequest(1000, 'a'.repeat(123))).toBeNull();
    expect(checkCloseRequest(1000, 'a'.repeat(124))).toBe(TOO_LONG);
    // é is 2 bytes: 61 × 2 + 1 = 123, 62 × 2 = 124.
    expect(checkCloseRequest(4000, 'é'.repeat(61) + 'a')).toBeNull();
    expect(checkCloseRequest(4000, 'é'.repeat(62))).toBe(TOO_LONG);
    // € is 3 bytes (41 × 3 = 123), 😀 is 4 bytes (30 × 4 + 3 = 123).
    expect(checkCloseRequest(4000, '€'.repeat(41))).toBeNull();
    expect(checkCloseRequest(4000, '€'.repeat(41) + 'a')).toBe(TOO_LONG);
    expect(checkCloseRequest(3000, '😀'.repeat(30) + 'abc')).toBeNull();
    expect(checkCloseRequest(3000, '😀'.repeat(31))).toBe(TOO_LONG);
  });
});
