import { afterEach, describe, expect, it } from 'vitest';
import {
  apiFailure,
  clientRefFixture,
  coachingNoteFixture,
  endSession,
  installApiMock,
  meResponseFixture,
  mockAcknowledgeCoachingNote,
  mockGetMe,
  mockGetQaReport,
  mockListCoachingNotes,
  qaReportFixture,
  seedSession,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import CoachingNotes from './CoachingNotes.vue';
import QaReports from './QaReports.vue';

const GX = 'client-globex';
const Empty = { render: () => null };
/** The named routes the notes link to. */
const routes = [
  { path: '/', component: Empty },
  { path: '/qa/evaluations/:evaluationId', name: 'evaluation', component: Empty },
];

describe('coaching notes and QA reports', () => {
  let api: ApiMock;
  let view: RenderResult;
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('an agent reads a coaching note with the evaluations it is about and acknowledges it', async () => {
    seedSession(userFixture({ id: 'user-agent-1', role: 'agent' }));
    const note = coachingNoteFixture();
    api = installApiMock(mockListCoachingNotes('', { items: [note], nextCursor: null }), mockAcknowledgeCoachingNote(note.id, { ...note, status: 'acknowledged', acknowledgedAt: '2025-01-04T10:00:00.000Z' }));
    view = await renderComponent(CoachingNotes, { routes });
    const list = within(view.getByRole('list', { name: 'Coaching notes' }));
    expect(list.getByText('From Lea Mercado')).toBeTruthy();
    expect(list.getByText('Offer the replacement before the customer asks.')).toBeTruthy();
    expect(list.getByRole('link', { name: 'SB-1001 (71.9)' })).toBeTruthy();
    await view.click(list.getByRole('button', { name: 'Acknowledge the coaching note from Lea Mercado' }));
    expect(api.callsTo('POST', `/api/coaching-notes/${note.id}/acknowledge`)).toHaveLength(1);
    expect(list.getByText('Acknowledged')).toBeTruthy();
    expect(list.queryByRole('button', { name: /^Acknowledge the coaching note/ })).toBeNull();
  });

  it('a lead reads the QA report per agent, the headline apart from the other streams; refused dates show beside the filters', async () => {
    seedSession(userFixture({ id: 'user-lead-1', role: 'team_lead' }));
    api = installApiMock(
      mockGetMe(meResponseFixture({ user: userFixture({ id: 'user-lead-1', role: 'team_lead' }), clients: [clientRefFixture({ id: GX, slug: 'globex', name: 'Globex Retail' })] })),
      mockGetQaReport(`clientId=${GX}&groupBy=agent&from=${new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`, qaReportFixture()),
      mockGetQaReport(`clientId=${GX}&groupBy=agent&from=2025-02-01&to=2025-01-01`, apiFailure(400, 'VALIDATION_FAILED', 'to: must be on or after from', [{ field: 'to', message: 'must be on or after from, at most 366 days later' }])),
    );
    view = await renderComponent(QaReports, { routes });
    await useSessionStore().loadMe();
    await view.settle();
    const row = view.getAllByRole('row').find((r) => r.textContent?.includes('Maria Santos')) as HTMLElement;
    const cells = [...row.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells).toEqual(['Maria Santos', '82.5', '70.1–94.9', '4', '10.0 % (5/50)', '0.0 % (0/4)', '20.0 % (1/5)', '0 / 1', '1 · 40.0', '—', '0.81']);

    await view.type(view.getByLabelText('From'), '2025-02-01');
    await view.type(view.getByLabelText('To'), '2025-01-01');
    await view.click(view.getByRole('button', { name: 'Show report' }));
    expect(view.getByText('To must be on or after from, at most 366 days later')).toBeTruthy();
    expect(view.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
  });
});
