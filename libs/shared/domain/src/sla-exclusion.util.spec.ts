import type { ForecastInterval, ServiceLevelTerm, TicketFact } from '@switchboard/shared-contracts';
import { jan14, makeFact } from './kpi.spec-fixtures';
import { measureTerm } from './sla-contract.util';
import { applyExclusions, intervalsAboveForecast, parseForecastCsv, parseForecastUpload, parseOutageInput } from './sla-exclusion.util';

const queued = (id: string, time: string, over: Partial<TicketFact> = {}) => makeFact({ ticketId: id, queuedAt: jan14(time), ...over });
const ids = (facts: readonly TicketFact[]) => facts.map((f) => f.ticketId);
const forecast = (time: string, offered: number, channel: ForecastInterval['channel'] = null): ForecastInterval => ({ intervalStart: jan14(time), channel, offered });

// 09:00–09:30: four contacts; 09:30–10:00: two; one that never reached a queue.
const day = [queued('a', '09:00:00'), queued('b', '09:10:00'), queued('c', '09:29:59'), queued('d', '09:15:00', { channel: 'email' }), queued('e', '09:30:00'), queued('f', '09:45:00'), makeFact({ ticketId: 'bot' })];

describe('applyExclusions', () => {
  const outage = { exclusions: [{ kind: 'client_caused_outage' as const }] };
  it.each([
    ['no exclusions on the term: everything stays', { exclusions: [] }, [{ startsAt: jan14('09:00:00'), endsAt: jan14('10:00:00') }], ['a', 'b', 'c', 'd', 'e', 'f', 'bot'], []],
    ['an outage takes the contacts that reached a queue inside it, end exclusive', outage, [{ startsAt: jan14('09:10:00'), endsAt: jan14('09:30:00') }], ['a', 'e', 'f', 'bot'], [{ kind: 'client_caused_outage', contacts: 3, windows: 1 }]],
    ['two outages, one of them empty: only the one that caught contacts counts as a window', outage, [{ startsAt: jan14('09:40:00'), endsAt: jan14('09:50:00') }, { startsAt: jan14('11:00:00'), endsAt: jan14('12:00:00') }], ['a', 'b', 'c', 'd', 'e', 'bot'], [{ kind: 'client_caused_outage', contacts: 1, windows: 1 }]],
    ['no outage declared: the exclusion leaves out nothing and says so', outage, [], ['a', 'b', 'c', 'd', 'e', 'f', 'bot'], [{ kind: 'client_caused_outage', contacts: 0, windows: 0 }]],
  ])('%s', (_name, term, outages, kept, excluded) => {
    const result = applyExclusions(term, day, { outages, forecasts: [] });
    expect(ids(result.kept)).toEqual(kept);
    expect(result.excluded).toEqual(excluded);
  });

  it.each([
    // 09:00 has 4 offered: a forecast of 3 with a 20 % band allows 3.6 → over; 09:30 has 2 of a forecast 2 → not over.
    ['an interval above forecast × (1 + band) goes whole', 20, [forecast('09:00:00', 3), forecast('09:30:00', 2)], ['e', 'f', 'bot'], 1],
    ['at the band exactly is not above it', 0, [forecast('09:00:00', 4)], ['a', 'b', 'c', 'd', 'e', 'f', 'bot'], 0],
    ['an interval without a forecast is never left out', 0, [forecast('09:30:00', 1)], ['a', 'b', 'c', 'd', 'bot'], 1],
    ['without an all-channel row the channels are added up', 0, [forecast('09:00:00', 2, 'chat'), forecast('09:00:00', 1, 'email')], ['e', 'f', 'bot'], 1],
    ['the all-channel row wins over the channels', 0, [forecast('09:00:00', 9), forecast('09:00:00', 1, 'chat')], ['a', 'b', 'c', 'd', 'e', 'f', 'bot'], 0],
  ])('%s', (_name, bandPercent, forecasts, kept, windows) => {
    const result = applyExclusions({ exclusions: [{ kind: 'volume_above_forecast', bandPercent }] }, day, { outages: [], forecasts });
    expect(ids(result.kept)).toEqual(kept);
    expect(result.excluded).toEqual([{ kind: 'volume_above_forecast', contacts: day.length - kept.length, windows }]);
  });

  it('a term on one channel compares its own volume with that channel’s forecast only', () => {
    const chat = day.filter((f) => f.channel === 'chat');
    expect([...intervalsAboveForecast('chat', chat, [forecast('09:00:00', 9), forecast('09:00:00', 2, 'chat')], 0)]).toEqual([Date.parse(jan14('09:00:00'))]);
    expect([...intervalsAboveForecast('chat', chat, [forecast('09:00:00', 2)], 0)]).toEqual([]);
  });

  it('counts offered volume before the outage takes its contacts, and each contact once', () => {
    const term = { exclusions: [{ kind: 'client_caused_outage' as const }, { kind: 'volume_above_forecast' as const, bandPercent: 0 }] };
    const result = applyExclusions(term, day, { outages: [{ startsAt: jan14('09:00:00'), endsAt: jan14('09:12:00') }], forecasts: [forecast('09:00:00', 3)] });
    expect(ids(result.kept)).toEqual(['e', 'f', 'bot']);
    expect(result.excluded).toEqual([
      { kind: 'client_caused_outage', contacts: 2, windows: 1 },
      { kind: 'volume_above_forecast', contacts: 2, windows: 1 },
    ]);
  });
});

describe('measureTerm with exclusions', () => {
  // Service level 20 s: a and b answered in 10 s, c in 60 s (inside the outage), d abandoned after 90 s.
  const facts = [
    queued('a', '09:00:00', { answeredAt: jan14('09:00:10') }),
    queued('b', '09:05:00', { answeredAt: jan14('09:05:10') }),
    queued('c', '09:10:00', { answeredAt: jan14('09:11:00') }),
    queued('d', '09:12:00', { abandonedAt: jan14('09:13:30') }),
  ];
  const term: ServiceLevelTerm = { id: 'sl', name: 'SL', kpi: 'service_level', target: 80, minimum: 70, allocationPercent: 100, serviceLevel: { variant: 'answered_within_of_all', thresholdSeconds: 20, shortAbandonSeconds: null }, exclusions: [{ kind: 'client_caused_outage' }] };
  const version = { percentileMethod: 'nearest_rank', fcrWindowDays: 7, businessHoursOnly: false } as never;
  const window = { from: jan14('00:00:00'), to: jan14('23:59:59') };
  it('2 of 4 within 20 s without the outage; 2 of 2 once the outage (09:09–09:15) is left out', () => {
    expect(measureTerm(term, version, facts, window)).toBe(50);
    expect(measureTerm(term, version, facts, window, undefined, undefined, { outages: [{ startsAt: jan14('09:09:00'), endsAt: jan14('09:15:00') }], forecasts: [] })).toBe(100);
  });
  it('a term without the exclusion ignores the declared outage', () => {
    expect(measureTerm({ ...term, exclusions: [] }, version, facts, window, undefined, undefined, { outages: [{ startsAt: jan14('09:09:00'), endsAt: jan14('09:15:00') }], forecasts: [] })).toBe(50);
  });
});

describe('parseOutageInput', () => {
  const now = Date.parse(jan14('12:00:00'));
  it('takes a started window and a reason, in UTC', () => {
    expect(parseOutageInput({ startsAt: '2026-01-14T10:00:00+01:00', endsAt: jan14('10:30:00'), reason: '  Client CRM down  ' }, now)).toEqual({ ok: true, value: { startsAt: jan14('09:00:00').replace('Z', '.000Z'), endsAt: jan14('10:30:00').replace('Z', '.000Z'), reason: 'Client CRM down' } });
  });
  it.each([
    ['not an object', 'x', 'body'],
    ['an unknown field', { startsAt: jan14('09:00:00'), endsAt: jan14('10:00:00'), reason: 'CRM down', approved: true }, 'approved'],
    ['no offset', { startsAt: '2026-01-14T09:00:00', endsAt: jan14('10:00:00'), reason: 'CRM down' }, 'startsAt'],
    ['end before start', { startsAt: jan14('10:00:00'), endsAt: jan14('09:00:00'), reason: 'CRM down' }, 'endsAt'],
    ['longer than 7 days', { startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-08T00:00:01Z', reason: 'CRM down' }, 'endsAt'],
    ['in the future', { startsAt: jan14('13:00:00'), endsAt: jan14('14:00:00'), reason: 'CRM down' }, 'startsAt'],
    ['no reason', { startsAt: jan14('09:00:00'), endsAt: jan14('10:00:00'), reason: ' ' }, 'reason'],
  ])('refuses %s', (_name, input, field) => {
    const parsed = parseOutageInput(input, now);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fields.map((f) => f.field)).toContain(field);
  });
});

describe('parseForecastUpload', () => {
  it('takes intervals on half-hour boundaries, channel or all', () => {
    expect(parseForecastUpload({ intervals: [forecast('09:00:00', 12), forecast('09:30:00', 3, 'voice')] })).toEqual({ ok: true, value: { intervals: [{ ...forecast('09:00:00', 12), intervalStart: '2026-01-14T09:00:00.000Z' }, { ...forecast('09:30:00', 3, 'voice'), intervalStart: '2026-01-14T09:30:00.000Z' }] } });
  });
  it.each([
    ['no list', {}, 'intervals'],
    ['an empty list', { intervals: [] }, 'intervals'],
    ['off the half hour', { intervals: [forecast('09:15:00', 1)] }, 'intervals[0].intervalStart'],
    ['an unknown channel', { intervals: [{ ...forecast('09:00:00', 1), channel: 'fax' }] }, 'intervals[0].channel'],
    ['a fraction of a contact', { intervals: [forecast('09:00:00', 1.5)] }, 'intervals[0].offered'],
    ['a negative forecast', { intervals: [forecast('09:00:00', -1)] }, 'intervals[0].offered'],
    ['the same interval and channel twice', { intervals: [forecast('09:00:00', 1, 'chat'), forecast('09:00:00', 2, 'chat')] }, 'intervals[1].intervalStart'],
    ['more than 5,000 intervals', { intervals: Array.from({ length: 5001 }, (_, i) => ({ intervalStart: new Date(Date.parse(jan14('00:00:00')) + i * 1_800_000).toISOString(), channel: null, offered: 1 })) }, 'intervals'],
  ])('refuses %s', (_name, input, field) => {
    const parsed = parseForecastUpload(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fields.map((f) => f.field)).toContain(field);
  });
});

describe('parseForecastCsv', () => {
  it('reads a planner’s file: header, intervals, empty or "all" channel for every channel, blank lines skipped', () => {
    const parsed = parseForecastCsv('\uFEFFinterval_start,channel,offered\r\n2026-01-14T09:00:00Z,chat,12\r\n2026-01-14T09:30:00Z,,30\n\n2026-01-14T10:00:00+01:00,ALL,4\n');
    expect(parsed).toEqual({
      ok: true,
      value: {
        intervals: [
          { intervalStart: '2026-01-14T09:00:00.000Z', channel: 'chat', offered: 12 },
          { intervalStart: '2026-01-14T09:30:00.000Z', channel: null, offered: 30 },
          { intervalStart: '2026-01-14T09:00:00.000Z', channel: null, offered: 4 },
        ],
      },
    });
  });
  it.each([
    ['a wrong header', 'start,channel,count\n2026-01-14T09:00:00Z,chat,1', 'line 1', 'the header must be interval_start,channel,offered'],
    ['a short line', 'interval_start,channel,offered\n2026-01-14T09:00:00Z,chat', 'line 2', 'must have 3 values: interval_start,channel,offered'],
    ['a quarter hour, on the line of the file', 'interval_start,channel,offered\n2026-01-14T09:00:00Z,chat,1\n\n2026-01-14T09:15:00Z,chat,1', 'line 4', 'interval_start must be an ISO instant on a :00 or :30 UTC boundary'],
    ['a count that is no number', 'interval_start,channel,offered\n2026-01-14T09:00:00Z,chat,many', 'line 2', 'offered must be a whole number of contacts from 0 to 1,000,000'],
    ['nothing but the header', 'interval_start,channel,offered\n', 'file', 'must hold 1–5,000 intervals'],
  ])('refuses %s', (_name, text, field, message) => {
    const parsed = parseForecastCsv(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fields[0]).toEqual({ field, message });
  });
});
