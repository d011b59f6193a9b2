import type { KpiGroup } from '@switchboard/shared-contracts';
import { datesOf, type DateRange } from './report-range.util';

/** The service-level heatmap: one row per local day of the range, one column per 30-minute interval. */
export interface HeatmapCell {
  /** The KpiGroup key (`YYYY-MM-DD#index`), for the drill-down. */
  key: string;
  date: string;
  index: number;
  /** Local start with offset from the report (`09:00-05:00`), or the column's wall-clock start when empty. */
  label: string;
  value: number | null;
  numerator: number;
  denominator: number;
  offered: number;
}

export interface HeatmapRow {
  date: string;
  cells: HeatmapCell[];
}

export interface Heatmap {
  /** Column positions 0 … n − 1 with their wall-clock start on a normal day ("09:00"). */
  columns: { index: number; label: string }[];
  rows: HeatmapRow[];
  /** The busiest cell's offered count (for a volume hint). */
  maxOffered: number;
}

export const wallClockLabel = (index: number): string => `${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 ? '30' : '00'}`;

/**
 * Builds the grid from a `groupBy=interval` report. A day has 48 intervals (46 or 50 across a DST change:
 * the grid then has as many columns as the longest day, and each cell keeps the report's own label).
 * Intervals without contacts are empty cells (value null, nothing offered).
 */
export function buildHeatmap(groups: readonly KpiGroup[], range: DateRange): Heatmap {
  const byKey = new Map(groups.map((group) => [group.key, group]));
  let width = 48;
  for (const group of groups) {
    const index = Number(group.key.split('#')[1]);
    if (Number.isInteger(index)) width = Math.max(width, index + 1);
  }
  let maxOffered = 0;
  const rows = datesOf(range).map((date) => ({
    date,
    cells: Array.from({ length: width }, (_, index): HeatmapCell => {
      const key = `${date}#${index}`;
      const group = byKey.get(key);
      const sl = group?.report.serviceLevel;
      const offered = group?.report.offered ?? 0;
      maxOffered = Math.max(maxOffered, offered);
      return { key, date, index, label: group?.label ?? wallClockLabel(index), value: sl?.value ?? null, numerator: sl?.numerator ?? 0, denominator: sl?.denominator ?? 0, offered };
    }),
  }));
  return { columns: Array.from({ length: width }, (_, index) => ({ index, label: wallClockLabel(index) })), rows, maxOffered };
}

export type HeatLevel = 'met' | 'near' | 'missed' | 'empty';

/** A cell's band against the target (met), the minimum (near) or below it (missed). */
export function heatLevel(value: number | null, target: number, minimum: number): HeatLevel {
  if (value === null) return 'empty';
  if (value >= target) return 'met';
  return value >= minimum ? 'near' : 'missed';
}

/** Keyboard moves in the grid (roving focus): arrows by one, Home/End along the row, PageUp/PageDown by a week. */
export function moveInGrid(key: string, at: { row: number; col: number }, size: { rows: number; cols: number }): { row: number; col: number } | null {
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max - 1);
  switch (key) {
    case 'ArrowRight':
      return { row: at.row, col: clamp(at.col + 1, size.cols) };
    case 'ArrowLeft':
      return { row: at.row, col: clamp(at.col - 1, size.cols) };
    case 'ArrowDown':
      return { row: clamp(at.row + 1, size.rows), col: at.col };
    case 'ArrowUp':
      return { row: clamp(at.row - 1, size.rows), col: at.col };
    case 'Home':
      return { row: at.row, col: 0 };
    case 'End':
      return { row: at.row, col: size.cols - 1 };
    case 'PageDown':
      return { row: clamp(at.row + 7, size.rows), col: at.col };
    case 'PageUp':
      return { row: clamp(at.row - 7, size.rows), col: at.col };
    default:
      return null;
  }
}
