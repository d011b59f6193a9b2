import type { BusinessCalendar } from '@switchboard/shared-contracts';
import { isOpenAt, missingVisitorDetails, widgetView, type WidgetFacts } from './widget-availability.util';

const calendar: BusinessCalendar = { weekly: { mon: [{ start: '08:00', end: '20:00' }], tue: [{ start: '22:00', end: '02:00' }] }, holidays: ['2026-11-30'] };
const london = 'Europe/London';

describe('isOpenAt', () => {
  it.each([
    ['Monday 10:00 London', '2026-11-23T10:00:00Z', true],
    ['Monday 07:59', '2026-11-23T07:59:00Z', false],
    ['Monday 20:00 (end is exclusive)', '2026-11-23T20:00:00Z', false],
    ['Tuesday 23:00 (late shift)', '2026-11-24T23:00:00Z', true],
    ['Wednesday 01:30 (late shift runs past midnight)', '2026-11-25T01:30:00Z', true],
    ['a Monday holiday', '2026-11-30T10:00:00Z', false],
    ['Sunday', '2026-11-29T10:00:00Z', false],
  ])('%s', (_why, at, open) => expect(isOpenAt(calendar, london, new Date(at))).toBe(open));

  it('reads the holiday in the client’s time zone', () => {
    // 2026-11-30 03:00 in Manila is still 2026-11-29 in New York: not the holiday there.
    expect(isOpenAt({ weekly: { sun: [{ start: '00:00', end: '23:59' }] }, holidays: ['2026-11-30'] }, 'America/New_York', new Date('2026-11-29T19:00:00Z'))).toBe(true);
  });
});

describe('widgetView', () => {
  const facts = (over: Partial<WidgetFacts> = {}): WidgetFacts => ({ clientName: 'Globex', brandColor: '#c2410c', inboxName: 'Web chat', calendar, timeZone: london, settings: {}, availableAgents: 1, ...over });
  const monday10 = new Date('2026-11-23T10:00:00Z');
  const sunday = new Date('2026-11-29T10:00:00Z');

  it.each([
    ['open and staffed: live chat', facts(), monday10, { open: true, online: true, offline: false }],
    ['open, nobody available: leave a message', facts({ availableAgents: 0 }), monday10, { open: true, online: false, offline: true }],
    ['closed: leave a message', facts(), sunday, { open: false, online: true, offline: true }],
    ['closed, offline messages off: queue anyway', facts({ settings: { offlineMessages: false } }), sunday, { open: false, online: true, offline: false }],
  ])('%s', (_why, input, now, expected) => expect(widgetView(input, now)).toMatchObject(expected));

  it('defaults: no pre-chat form, CSAT on, no greeting', () => {
    expect(widgetView(facts(), monday10)).toMatchObject({ preChat: { name: 'off', email: 'off' }, csat: true, greeting: null });
  });
});

describe('missingVisitorDetails', () => {
  const none = { name: null, email: null };
  it.each([
    ['no form', { preChat: { name: 'off', email: 'off' }, offline: false }, none, true, []],
    ['required name missing', { preChat: { name: 'required', email: 'optional' }, offline: false }, none, true, ['name']],
    ['required fields given', { preChat: { name: 'required', email: 'required' }, offline: false }, { name: 'Ola', email: 'o@x.y' }, true, []],
    ['offline needs an email', { preChat: { name: 'off', email: 'off' }, offline: true }, { name: 'Ola', email: null }, true, ['email']],
    ['a message joining an open ticket owes nothing', { preChat: { name: 'required', email: 'required' }, offline: true }, none, false, []],
  ] as const)('%s', (_why, view, details, opens, expected) => expect(missingVisitorDetails(view, details, opens)).toEqual(expected));
});
