import { describe, expect, it } from 'vitest';
import type { KpiGroup } from '@switchboard/shared-contracts';
import { kpiReportFixture, serviceLevelFixture } from '@switchboard/web-data-access';
import { buildHeatmap, heatLevel, moveInGrid, wallClockLabel } from './report-heatmap.util';

const group = (key: string, label: string, value: number | null, offered = 4): KpiGroup => ({
  key,
  label,
  report: kpiReportFixture({ offered, serviceLevel: serviceLevelFixture({ value, numerator: value === null ? 0 : 3, denominator: value === null ? 0 : 4 }) }),
});

describe('buildHeatmap', () => {
  it('lays a day per row and 48 half hours per column, empty where nothing was offered', () => {
    const map = buildHeatmap([group('2026-11-02#18', '09:00-05:00', 75), group('2026-11-03#19', '09:30-05:00', 100, 9)], { from: '2026-11-02', to: '2026-11-04' });
    expect(map.rows.map((row) => row.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
    expect(map.columns).toHaveLength(48);
    expect(map.columns[19].label).toBe('09:30');
    const cell = map.rows[0].cells[18];
    expect(cell).toMatchObject({ key: '2026-11-02#18', label: '09:00-05:00', value: 75, numerator: 3, denominator: 4, offered: 4 });
    expect(map.rows[2].cells[18]).toMatchObject({ key: '2026-11-04#18', label: '09:00', value: null, offered: 0 });
    expect(map.maxOffered).toBe(9);
  });

  it('widens to the longest day across a DST fall-back (50 intervals)', () => {
    const map = buildHeatmap([group('2026-10-25#49', '23:30+00:00', 50)], { from: '2026-10-25', to: '2026-10-25' });
    expect(map.columns).toHaveLength(50);
    expect(map.rows[0].cells[49].label).toBe('23:30+00:00');
  });
});

describe('heatLevel', () => {
  it.each([
    [null, 'empty'],
    [80, 'met'],
    [79.9, 'near'],
    [75, 'near'],
    [74.9, 'missed'],
  ] as const)('%s against 80 / 75 → %s', (value, level) => {
    expect(heatLevel(value, 80, 75)).toBe(level);
  });
});

describe('moveInGrid', () => {
  const size = { rows: 10, cols: 48 };
  it.each([
    ['ArrowRight', { row: 0, col: 47 }, { row: 0, col: 47 }],
    ['ArrowRight', { row: 0, col: 3 }, { row: 0, col: 4 }],
    ['ArrowLeft', { row: 0, col: 0 }, { row: 0, col: 0 }],
    ['ArrowDown', { row: 9, col: 3 }, { row: 9, col: 3 }],
    ['ArrowUp', { row: 2, col: 3 }, { row: 1, col: 3 }],
    ['Home', { row: 2, col: 30 }, { row: 2, col: 0 }],
    ['End', { row: 2, col: 3 }, { row: 2, col: 47 }],
    ['PageDown', { row: 5, col: 3 }, { row: 9, col: 3 }],
    ['PageUp', { row: 8, col: 3 }, { row: 1, col: 3 }],
    ['a', { row: 1, col: 1 }, null],
  ])('%s from %o → %o', (key, at, expected) => {
    expect(moveInGrid(key, at, size)).toEqual(expected);
  });

  it('labels columns by wall clock', () => {
    expect([wallClockLabel(0), wallClockLabel(1), wallClockLabel(47)]).toEqual(['00:00', '00:30', '23:30']);
  });
});
