import { describe, expect, it } from 'vitest';
import { formatRange, todayIn, upcomingHolidays, weekRows } from './business-hours.util';

describe('business hours display', () => {
  it.each([
    [{ start: '08:00', end: '20:00' }, '08:00–20:00'],
    [{ start: '22:00', end: '06:00' }, '22:00–06:00 (next day)'],
    [{ start: '00:00', end: '00:00' }, '00:00–00:00 (next day)'],
  ])('formats %o as %s', (range, text) => {
    expect(formatRange(range)).toBe(text);
  });

  it('lists all seven days, closed ones included, split shifts joined', () => {
    const rows = weekRows({ weekly: { mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] }, holidays: [] });
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ name: 'Monday', hours: '08:00–12:00, 13:00–17:00', open: true });
    expect(rows[6]).toMatchObject({ name: 'Sunday', hours: 'Closed', open: false });
  });

  it("finds today's weekday in the client's time zone", () => {
    // 2025-01-06 02:00 UTC is still Sunday evening in New York.
    expect(todayIn('America/New_York', Date.parse('2025-01-06T02:00:00Z'))).toEqual({ day: 'sun', date: '2025-01-05' });
    expect(todayIn('Asia/Colombo', Date.parse('2025-01-06T02:00:00Z'))).toEqual({ day: 'mon', date: '2025-01-06' });
  });

  it('shows upcoming holidays only, in order', () => {
    const holidays = upcomingHolidays({ weekly: {}, holidays: ['2025-12-25', '2024-12-25', '2025-01-01'] }, '2025-06-01');
    expect(holidays).toEqual([{ date: '2025-12-25', label: 'Thu, 25 Dec 2025' }]);
  });
});
