import { describe, expect, it } from 'vitest';
import { elapsedSince, formatDuration } from './duration.util';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-5000, '0s'],
    [45_000, '45s'],
    [65_000, '1m 05s'],
    [3_600_000 + 180_000, '1h 03m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('measures from an ISO instant and tolerates a bad one', () => {
    expect(elapsedSince('2025-01-01T00:00:00.000Z', Date.parse('2025-01-01T00:01:00.000Z'))).toBe(60_000);
    expect(elapsedSince('not a date', 1)).toBe(0);
  });
});
