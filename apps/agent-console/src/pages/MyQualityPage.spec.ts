import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentClientEvents, AgentServerEvents, EvaluationSummary, Page } from '@switchboard/shared-contracts';
import { endSession, evaluationSummaryFixture, installApiMock, mockListCoachingNotes, mockListEvaluations, seedSession, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { createFakeConnection, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent, type RenderResult } from '@switchboard/web-ui';
import { useQaLiveStore } from '../qa/qa-live.store';
import { startAgentRealtime } from '../realtime/agent-realtime.connector';
import MyQualityPage from './MyQualityPage.vue';

const Empty = { render: () => null };
const routes = [
  { path: '/my-quality', name: 'my-quality', component: MyQualityPage },
  { path: '/qa/evaluations/:evaluationId', name: 'evaluation', component: Empty },
  { path: '/coaching', name: 'coaching', component: Empty },
];
const ME = 'agent-diego';
const PAGE = 2;

/**
 * The agent's evaluations as the API pages them: newest first by creation order (`seq`), keyset cursors,
 * drafts invisible to the agent until submitted — so a draft made long ago and submitted while the
 * agent was offline lands in the middle of what they had already paged through.
 */
function fakeServer() {
  const rows: { seq: number; evaluation: EvaluationSummary }[] = [];
  /** Pages the console asked for. */
  const reads = { count: 0 };
  const add = (seq: number, status: EvaluationSummary['status']) =>
    rows.push({ seq, evaluation: evaluationSummaryFixture({ id: `ev-${seq}`, ticketReference: `SB-${1000 + seq}`, agentId: ME, agentName: 'Diego Ramírez', status, score: 80 + seq, submittedAt: '2026-12-01T10:00:00.000Z' }) });
  const page = (after: number | null): Page<EvaluationSummary> => {
    reads.count += 1;
    const visible = rows.filter((r) => r.evaluation.status !== 'draft' && (after === null || r.seq < after)).sort((a, b) => b.seq - a.seq);
    const items = visible.slice(0, PAGE);
    return { items: items.map((r) => r.evaluation), nextCursor: visible.length > PAGE ? String(items[items.length - 1].seq) : null };
  };
  const submit = (seq: number) => {
    const row = rows.find((r) => r.seq === seq);
    if (row) row.evaluation = { ...row.evaluation, status: 'submitted' };
    return row?.evaluation as EvaluationSummary;
  };
  const remove = (seq: number) => rows.splice(rows.findIndex((r) => r.seq === seq), 1);
  const routesFor = () => [mockListEvaluations('', () => page(null)), ...Array.from({ length: 20 }, (_, i) => mockListEvaluations(`after=${i + 1}`, () => page(i + 1)))];
  return { add, submit, remove, routesFor, reads };
}

describe('MyQualityPage after a dropped connection', () => {
  let api: ApiMock;
  let connection: FakeRealtimeConnection<AgentServerEvents, AgentClientEvents>;
  let stop: () => void;
  let server: ReturnType<typeof fakeServer>;

  beforeEach(() => {
    seedSession(userFixture({ id: ME, role: 'agent' }));
    server = fakeServer();
    // Diego's evaluations 1, 2, 3, 5, 6 are submitted; 4 is a lead's draft, made before 5.
    for (const seq of [1, 2, 3, 5, 6]) server.add(seq, 'submitted');
    server.add(4, 'draft');
    api = installApiMock(...server.routesFor(), mockListCoachingNotes('', { items: [], nextCursor: null }));
    connection = createFakeConnection<AgentServerEvents, AgentClientEvents>('connected');
  });
  afterEach(() => {
    stop();
    api.restore();
    endSession();
  });

  const shown = (view: RenderResult) => view.getAllByRole('link', { name: /^Open the evaluation of/ }).map((link) => link.textContent?.trim());

  it('reads the list again as far as it was paged: what was submitted meanwhile appears once, in its place, and nothing shown is lost', async () => {
    const view = await renderComponent(MyQualityPage, { routes, route: '/my-quality' });
    stop = startAgentRealtime(() => connection);
    await view.settle();
    expect(shown(view)).toEqual(['SB-1006', 'SB-1005']);
    await view.click(view.getByRole('button', { name: 'Show more' }));
    await view.settle();
    expect(shown(view)).toEqual(['SB-1006', 'SB-1005', 'SB-1003', 'SB-1002']);

    // The socket drops; meanwhile the lead submits the old draft (4) and a new evaluation (7). No event reaches Diego.
    connection.setState('reconnecting');
    server.submit(4);
    server.add(7, 'submitted');
    connection.setState('connected');
    await view.settle();
    expect(shown(view)).toEqual(['SB-1007', 'SB-1006', 'SB-1005', 'SB-1004', 'SB-1003', 'SB-1002']);
    expect(view.getByRole('button', { name: 'Show more' })).toBeTruthy();

    // The live event for one of them arriving late as well still shows it once (and tells Diego once).
    connection.emitFromServer('evaluation.submitted', { ...server.submit(4), reviewerId: 'lead-lea', reviewerName: 'Lea Mercado' });
    await view.settle();
    expect(shown(view).filter((ref) => ref === 'SB-1004')).toHaveLength(1);
    expect(useQaLiveStore().notices.map((n) => n.text)).toEqual(['New evaluation of SB-1004 by Lea Mercado: 84.']);

    // Paging on from there reaches the end without repeating a row.
    await view.click(view.getByRole('button', { name: 'Show more' }));
    await view.settle();
    expect(shown(view)).toEqual(['SB-1007', 'SB-1006', 'SB-1005', 'SB-1004', 'SB-1003', 'SB-1002', 'SB-1001']);
    expect(view.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('when the last row shown has left the list, reads at most twice the pages shown and one more, then offers "Show more"', async () => {
    for (let seq = 7; seq <= 16; seq++) server.add(seq, 'submitted');
    const view = await renderComponent(MyQualityPage, { routes, route: '/my-quality' });
    stop = startAgentRealtime(() => connection);
    await view.settle();
    await view.click(view.getByRole('button', { name: 'Show more' }));
    await view.settle();
    expect(shown(view)).toEqual(['SB-1016', 'SB-1015', 'SB-1014', 'SB-1013']);

    connection.setState('reconnecting');
    server.remove(13);
    const before = server.reads.count;
    connection.setState('connected');
    await view.settle();
    expect(server.reads.count - before).toBe(5);
    expect(shown(view)).toEqual(['SB-1016', 'SB-1015', 'SB-1014', 'SB-1012', 'SB-1011', 'SB-1010', 'SB-1009', 'SB-1008', 'SB-1007', 'SB-1006']);
    expect(view.getByRole('button', { name: 'Show more' })).toBeTruthy();
  });
});
