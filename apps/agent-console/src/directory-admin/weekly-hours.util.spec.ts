import { describe, expect, it } from 'vitest';
import { hoursOf, hoursText, listOf } from './weekly-hours.util';

describe('weekly hours as typed', () => {
  it.each([
    ['one range', '09:00-17:00', [{ start: '09:00', end: '17:00' }]],
    ['a split shift with spaces and an en dash', ' 08:00 – 12:00 , 13:00-17:30 ', [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }]],
    ['past midnight', '22:00-06:00', [{ start: '22:00', end: '06:00' }]],
    ['a mistyped range, kept for the API to name', '9am', [{ start: '9am', end: '' }]],
  ])('%s', (_, typed, ranges) => {
    const text = { ...hoursText({}), tue: typed };
    expect(hoursOf(text)).toEqual({ tue: ranges });
  });

  it('leaves blank days out and reads back what it wrote', () => {
    const hours = { mon: [{ start: '09:00', end: '17:00' }], sat: [{ start: '10:00', end: '14:00' }, { start: '15:00', end: '16:00' }] };
    expect(hoursText(hours)).toMatchObject({ mon: '09:00-17:00', tue: '', sat: '10:00-14:00, 15:00-16:00' });
    expect(hoursOf(hoursText(hours))).toEqual(hours);
  });

  it('splits lists on commas and lines', () => {
    expect(listOf('en, tl\n es ,,')).toEqual(['en', 'tl', 'es']);
  });
});
