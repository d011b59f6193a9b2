import type { ErrorResponse, ForecastInterval, MonthlyStatement, OutageView } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { contractVersion, insertPastContract } from '../testing/contract-version';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * Contract exclusions (issue 7: "SLA contracts … exclusions"): a provider admin declares a client-caused
 * outage and loads the volume forecast; the statement leaves out what the term's exclusions say and lists
 * why. 5 October 2026, client time zone UTC, seven chats; the critical term is "answered within 20 s of
 * all offered" (target 80, minimum 70, 100 % of the at-risk pool), excluding outages and volume above
 * forecast with a 0 % band:
 *   09:00, 09:05 answered in 10 s          — within
 *   10:10 answered in 60 s, 10:12 abandoned — inside the outage 10:00–10:30
 *   11:00, 11:05 answered in 60 s           — 2 offered in 11:00–11:30, forecast 1: above forecast
 *   12:00 answered in 5 s                   — within
 * No evidence: 3 / 7 = 42.9 % (below minimum, credit = the whole at-risk amount).
 * Outage and forecast: 3 / 3 = 100 % (met, no credit). Outage removed again: 3 / 5 = 60 %.
 */
describe('SLA contract exclusions', () => {
  let t: TestApp;
  let x: RoutingWorld;
  let y: RoutingWorld;
  let agent: WorldAgent;
  let admin: string;
  let lead: string;
  let viewer: string;
  const at = (time: string) => `2026-10-05T${time}Z`;
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });
  const statement = async () => {
    const response = await call<MonthlyStatement>('GET', `/api/reports/clients/${x.clientId}/statements/2026-10`, viewer);
    expect(response.status).toBe(200);
    return response.body;
  };
  const outageCount = async () => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM sla_outages WHERE client_id = $1', [x.clientId]))[0].n;

  const VERSION = contractVersion('2026-10', {
    criticalServiceLevels: [
      {
        id: 'sl20',
        name: 'Answered in 20 s',
        kpi: 'service_level',
        target: 80,
        minimum: 70,
        allocationPercent: 100,
        serviceLevel: { variant: 'answered_within_of_all', thresholdSeconds: 20, shortAbandonSeconds: null },
        exclusions: [{ kind: 'client_caused_outage' }, { kind: 'volume_above_forecast', bandPercent: 0 }],
      },
    ],
    keyMeasurements: [{ id: 'sl20-all', name: 'Answered in 20 s, nothing left out', kpi: 'service_level', target: 80, minimum: 70, serviceLevel: { variant: 'answered_within_of_all', thresholdSeconds: 20, shortAbandonSeconds: null }, exclusions: [] }],
  });

  async function chat(queuedAt: string, outcome: { answeredAt: string } | { abandonedAt: string }): Promise<void> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Chatter') RETURNING id`, [x.clientId]);
    const [ticket] = await ownerQuery<{ id: string }>(`INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, created_at) VALUES ($1, $2, $3, 'chat', 'resolved', $4) RETURNING id`, [x.clientId, x.inboxId, contact.id, queuedAt]);
    const events: [string, string, Record<string, unknown>][] = [
      ['message_received', queuedAt, {}],
      ['queued', queuedAt, {}],
      ...('answeredAt' in outcome ? ([['accepted', outcome.answeredAt, { agentId: agent.id }], ['reply', outcome.answeredAt, {}], ['resolved', outcome.answeredAt, {}]] as [string, string, Record<string, unknown>][]) : [['abandoned', outcome.abandonedAt, {}] as [string, string, Record<string, unknown>]]),
    ];
    for (const [type, instant, data] of events) await ownerQuery('INSERT INTO ticket_events (client_id, ticket_id, type, at, data) VALUES ($1, $2, $3, $4, $5)', [x.clientId, ticket.id, type, instant, data]);
  }

  beforeAll(async () => {
    t = await startTestApp();
    x = await createRoutingWorld('excl-x');
    y = await createRoutingWorld('excl-y');
    agent = await x.agent('Ana Exclusions');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lead = (await login(t.url, 'lead1@switchboard.demo')).accessToken;
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `viewer.excl.${randomUUID().slice(0, 6)}@switchboard.test`;
    await ownerQuery(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, 'Vic Viewer', 'client_viewer', $2, $3)`, [email, x.clientId, password_hash]);
    viewer = (await login(t.url, email)).accessToken;
    await chat(at('09:00:00'), { answeredAt: at('09:00:10') });
    await chat(at('09:05:00'), { answeredAt: at('09:05:10') });
    await chat(at('10:10:00'), { answeredAt: at('10:11:00') });
    await chat(at('10:12:00'), { abandonedAt: at('10:13:30') });
    await chat(at('11:00:00'), { answeredAt: at('11:01:00') });
    await chat(at('11:05:00'), { answeredAt: at('11:06:00') });
    await chat(at('12:00:00'), { answeredAt: at('12:00:05') });
    // The contract existed before October (a new version may not start in the past).
    await insertPastContract(x.clientId, VERSION);
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  it('with nothing declared, measures every contact and says the exclusions left nothing out', async () => {
    const s = await statement();
    const [line, all] = s.lines;
    expect(line.value).toBeCloseTo((3 / 7) * 100, 6);
    expect(line).toMatchObject({ attainment: 'below_minimum', creditCents: 600, excluded: [{ kind: 'client_caused_outage', contacts: 0, windows: 0 }, { kind: 'volume_above_forecast', contacts: 0, windows: 0 }] });
    expect(all.excluded).toEqual([]);
    expect(s.outages).toEqual([]);
  });

  it('refuses evidence from anyone but a provider admin, and another client’s evidence to a client user', async () => {
    const outage = { startsAt: at('10:00:00'), endsAt: at('10:30:00'), reason: 'Client CRM down' };
    expect((await call('POST', `/api/reports/clients/${x.clientId}/outages`, viewer, outage)).status).toBe(403);
    expect((await call('POST', `/api/reports/clients/${x.clientId}/outages`, lead, outage)).status).toBe(403);
    expect((await call('PUT', `/api/reports/clients/${x.clientId}/forecasts`, viewer, { intervals: [{ intervalStart: at('11:00:00'), channel: 'chat', offered: 1 }] })).status).toBe(403);
    expect((await call('GET', `/api/reports/clients/${y.clientId}/outages?from=2026-10-01&to=2026-10-31`, viewer)).status).toBe(404);
    expect((await call('GET', `/api/reports/clients/${y.clientId}/forecasts?from=2026-10-01&to=2026-10-31`, viewer)).status).toBe(404);
    expect(await outageCount()).toBe(0);
  });

  it('refuses an outage or a forecast that makes no sense with the reason, and stores nothing', async () => {
    const backwards = await call('POST', `/api/reports/clients/${x.clientId}/outages`, admin, { startsAt: at('10:30:00'), endsAt: at('10:00:00'), reason: 'Client CRM down' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('SLA_EVIDENCE_INVALID');
    expect(backwards.body.error.fields).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
    const future = await call('POST', `/api/reports/clients/${x.clientId}/outages`, admin, { startsAt: new Date(Date.now() + 3_600_000).toISOString(), endsAt: new Date(Date.now() + 7_200_000).toISOString(), reason: 'Planned' });
    expect(future.body.error.fields?.map((f) => f.field)).toEqual(['startsAt']);
    const offGrid = await call('PUT', `/api/reports/clients/${x.clientId}/forecasts`, admin, { intervals: [{ intervalStart: at('11:00:00'), channel: 'chat', offered: 1 }, { intervalStart: at('11:15:00'), channel: 'chat', offered: 1 }] });
    expect(offGrid.status).toBe(400);
    expect(offGrid.body.error.fields?.map((f) => f.field)).toEqual(['intervals[1].intervalStart']);
    expect(await outageCount()).toBe(0);
    expect((await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM volume_forecasts WHERE client_id = $1', [x.clientId]))[0].n).toBe(0);
  });

  it('leaves out the outage’s contacts and the above-forecast half hour, and lists the outage on the statement', async () => {
    const declared = await call<OutageView>('POST', `/api/reports/clients/${x.clientId}/outages`, admin, { startsAt: '2026-10-05T11:00:00+01:00', endsAt: at('10:30:00'), reason: '  Client CRM down  ' });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ clientId: x.clientId, startsAt: '2026-10-05T10:00:00.000Z', endsAt: '2026-10-05T10:30:00.000Z', reason: 'Client CRM down' });
    const overlapping = await call('POST', `/api/reports/clients/${x.clientId}/outages`, admin, { startsAt: at('10:20:00'), endsAt: at('10:40:00'), reason: 'Again' });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.error.fields?.[0].message).toMatch(/^overlaps the outage declared from 2026-10-05T10:00:00.000Z/);
    const loaded = await call<{ stored: number }>('PUT', `/api/reports/clients/${x.clientId}/forecasts`, admin, { intervals: [{ intervalStart: at('11:00:00'), channel: 'chat', offered: 1 }, { intervalStart: at('12:00:00'), channel: 'chat', offered: 5 }] });
    expect(loaded.body).toEqual({ stored: 2 });

    const s = await statement();
    const [line, all] = s.lines;
    expect(line).toMatchObject({ value: 100, attainment: 'met', creditCents: 0, excluded: [{ kind: 'client_caused_outage', contacts: 2, windows: 1 }, { kind: 'volume_above_forecast', contacts: 2, windows: 1 }] });
    expect(all.value).toBeCloseTo((3 / 7) * 100, 6);
    expect(s.outages).toEqual([declared.body]);

    // The client's users read the evidence the statement rests on.
    expect((await call<OutageView[]>('GET', `/api/reports/clients/${x.clientId}/outages?from=2026-10-01&to=2026-10-31`, viewer)).body).toEqual([declared.body]);
    expect((await call<ForecastInterval[]>('GET', `/api/reports/clients/${x.clientId}/forecasts?from=2026-10-05&to=2026-10-05`, viewer)).body).toEqual([
      { intervalStart: '2026-10-05T11:00:00.000Z', channel: 'chat', offered: 1 },
      { intervalStart: '2026-10-05T12:00:00.000Z', channel: 'chat', offered: 5 },
    ]);
    const audit = await ownerQuery<{ action: string }>(`SELECT action FROM audit_log WHERE client_id = $1 AND action IN ('sla_outage.declared', 'volume_forecast.loaded') ORDER BY action`, [x.clientId]);
    expect(audit.map((a) => a.action)).toEqual(['sla_outage.declared', 'volume_forecast.loaded']);

    // A removed outage counts again: 3 of 5.
    expect((await call('DELETE', `/api/reports/clients/${x.clientId}/outages/${declared.body.id}`, viewer)).status).toBe(403);
    expect((await call('DELETE', `/api/reports/clients/${y.clientId}/outages/${declared.body.id}`, admin)).status).toBe(404);
    expect((await call('DELETE', `/api/reports/clients/${x.clientId}/outages/${declared.body.id}`, admin)).status).toBe(204);
    const after = await statement();
    expect(after.lines[0]).toMatchObject({ value: 60, attainment: 'below_minimum', excluded: [{ kind: 'client_caused_outage', contacts: 0, windows: 0 }, { kind: 'volume_above_forecast', contacts: 2, windows: 1 }] });
    expect(after.outages).toEqual([]);
  });
});
