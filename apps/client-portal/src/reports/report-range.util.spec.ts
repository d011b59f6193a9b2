import { describe, expect, it } from 'vitest';
import { datesOf, isLocalDate, lastDayOfMonth, presetOf, presetRange, previousMonth, rangeLabel, type RangePreset } from './report-range.util';

describe('report ranges', () => {
  it.each<[RangePreset, string, string, string]>([
    ['today', '2026-12-02', '2026-12-02', '2026-12-02'],
    ['last_7_days', '2026-12-02', '2026-11-26', '2026-12-02'],
    ['last_30_days', '2026-03-01', '2026-01-31', '2026-03-01'],
    ['this_month', '2026-12-02', '2026-12-01', '2026-12-02'],
    ['last_month', '2026-12-02', '2026-11-01', '2026-11-30'],
    ['last_month', '2026-01-15', '2025-12-01', '2025-12-31'],
    ['last_month', '2024-03-31', '2024-02-01', '2024-02-29'],
  ])('%s on %s is %s … %s', (preset, today, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });

  it('recognises a preset, or none', () => {
    expect(presetOf({ from: '2026-12-01', to: '2026-12-02' }, '2026-12-02')).toBe('this_month');
    expect(presetOf({ from: '2026-11-03', to: '2026-11-09' }, '2026-12-02')).toBeNull();
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['', false],
    [undefined, false],
  ])('%s is a local date: %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it('lists the dates of a range, across a month end', () => {
    expect(datesOf({ from: '2026-10-30', to: '2026-11-02' })).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(datesOf({ from: '2026-11-02', to: '2026-11-01' })).toEqual([]);
  });

  it('knows month ends and the month before', () => {
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('labels a range', () => {
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-30' })).toBe('1 Nov 2026 – 30 Nov 2026');
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-01' })).toBe('1 Nov 2026');
  });
});
