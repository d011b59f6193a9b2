import type { AuditEntryView, DisputeView, ErrorResponse, Page, QaSettings, ScorecardDefinition } from '@switchboard/shared-contracts';
import { scorecardQuestions } from '@switchboard/shared-domain';
import { populatedWorld, type PopulatedWorld } from '../testing/attack-world';
import { destroyRoutingWorlds } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * A client's dispute rules (window and limit): leads read them, only admins change them, bad values
 * change nothing, and a change applies to the evaluations already submitted.
 */
describe('QA dispute rules per client', () => {
  let t: TestApp;
  let a: PopulatedWorld;
  let b: PopulatedWorld;
  let tokens: { admin: string; lead: string; otherLead: string; agent: string; viewer: string };
  let questionKey: string;

  beforeAll(async () => {
    t = await startTestApp({ QA_JOBS_ENABLED: 'false' });
    a = await populatedWorld('qa-rules-a');
    b = await populatedWorld('qa-rules-b');
    tokens = {
      admin: (await login(t.url, 'admin@switchboard.demo')).accessToken,
      lead: (await login(t.url, a.users.lead.email)).accessToken,
      otherLead: (await login(t.url, b.users.lead.email)).accessToken,
      agent: (await login(t.url, a.users.agent.email)).accessToken,
      viewer: (await login(t.url, a.users.viewer.email)).accessToken,
    };
    const [{ definition }] = await ownerQuery<{ definition: ScorecardDefinition }>(`SELECT v.definition FROM scorecard_versions v JOIN evaluations e ON e.scorecard_version_id = v.id WHERE e.id = $1`, [a.ids.evaluation]);
    // The world's evaluation carries an open dispute on 'greet': another question is free to dispute.
    questionKey = scorecardQuestions(definition).map((q) => q.key).find((key) => key !== 'greet') ?? 'greet';
  });
  afterAll(async () => {
    await destroyRoutingWorlds();
    await t.close();
  });

  const rules = (token: string, clientId = a.ids.client) => http<QaSettings & ErrorResponse>(t.url, 'GET', `/api/clients/${clientId}/qa-settings`, { token });
  const save = (token: string, body: unknown, clientId = a.ids.client) => http<QaSettings & ErrorResponse>(t.url, 'PUT', `/api/clients/${clientId}/qa-settings`, { token, body });
  const dispute = () => http<DisputeView & ErrorResponse>(t.url, 'POST', `/api/evaluations/${a.ids.evaluation}/disputes`, { token: tokens.agent, body: { questionKey, reason: 'The greeting was there, at 00:04.' } });

  it('leads of the client read them; another client’s lead, agents and client users do not', async () => {
    expect((await rules(tokens.lead)).body).toEqual({ disputeWindowDays: 7, maxDisputesPerEvaluation: 3 });
    expect((await rules(tokens.otherLead)).status).toBe(404);
    expect((await rules(tokens.agent)).status).toBe(403);
    expect((await rules(tokens.viewer)).status).toBe(403);
  });

  it('only admins change them; bad values are 400 naming each field, and change nothing', async () => {
    expect((await save(tokens.lead, { disputeWindowDays: 3, maxDisputesPerEvaluation: 1 })).status).toBe(403);
    const bad = await save(tokens.admin, { disputeWindowDays: 0, maxDisputesPerEvaluation: 2.5, clientId: b.ids.client });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.map((f) => f.field).sort()).toEqual(['clientId', 'disputeWindowDays', 'maxDisputesPerEvaluation']);
    expect((await save(tokens.admin, { disputeWindowDays: 5, maxDisputesPerEvaluation: 2 }, 'not-a-uuid')).status).toBe(400);
    expect((await rules(tokens.lead)).body).toEqual({ disputeWindowDays: 7, maxDisputesPerEvaluation: 3 });
  });

  it('a lower limit and a shorter window apply at once to an evaluation already submitted, and each change is audited', async () => {
    // One dispute already raised: a limit of 1 refuses the next.
    expect((await save(tokens.admin, { disputeWindowDays: 7, maxDisputesPerEvaluation: 1 })).body).toEqual({ disputeWindowDays: 7, maxDisputesPerEvaluation: 1 });
    const limited = await dispute();
    expect([limited.status, limited.body.error.code]).toEqual([409, 'DISPUTE_LIMIT_REACHED']);

    // Submitted three days ago: a two-day window has closed.
    await ownerQuery(`UPDATE evaluations SET submitted_at = now() - interval '3 days' WHERE id = $1`, [a.ids.evaluation]);
    await save(tokens.admin, { disputeWindowDays: 2, maxDisputesPerEvaluation: 5 });
    const late = await dispute();
    expect([late.status, late.body.error.code]).toEqual([409, 'DISPUTE_WINDOW_CLOSED']);

    // A four-day window is open again, and the limit of 5 lets it through.
    await save(tokens.admin, { disputeWindowDays: 4, maxDisputesPerEvaluation: 5 });
    expect((await dispute()).status).toBe(201);

    const audit = await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?clientId=${a.ids.client}&action=qa.dispute_rules_changed`, { token: tokens.admin });
    expect(audit.body.items.map((entry) => entry.details['disputeWindowDays'])).toEqual([4, 2, 7]);
    expect(audit.body.items[2].details['before']).toEqual({ disputeWindowDays: 7, maxDisputesPerEvaluation: 3 });
  });
});
