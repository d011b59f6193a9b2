import { afterEach, describe, expect, it } from 'vitest';
import {
  autoQaResultFixture,
  clientRefFixture,
  endSession,
  evaluationViewFixture,
  installApiMock,
  meResponseFixture,
  mockGetMe,
  mockListAutoQaResults,
  mockStartEvaluation,
  seedSession,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import AutoQaFlags from './AutoQaFlags.vue';

const GX = 'client-globex';
const Empty = { render: () => null };
const routes = [
  { path: '/', component: Empty },
  { path: '/qa/evaluations/:evaluationId', name: 'evaluation', component: Empty },
];

describe('AutoQaFlags', () => {
  let api: ApiMock;
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('lists the flagged tickets with the agent and the evidence, and starts a review of one', async () => {
    seedSession(userFixture({ id: 'user-lead-1', role: 'team_lead' }));
    const closing = autoQaResultFixture();
    const card = autoQaResultFixture({
      ticketId: 'ticket-2',
      ticketReference: 'SB-1002',
      agentName: 'Jose Reyes',
      agentId: 'user-agent-2',
      flags: ['card_data'],
      checks: [{ rule: 'card_data', outcome: 'fail', flag: 'card_data', evidence: ['agent asked for the card number: "can you read me the card number?"'] }],
    });
    api = installApiMock(
      mockGetMe(meResponseFixture({ user: userFixture({ id: 'user-lead-1', role: 'team_lead' }), clients: [clientRefFixture({ id: GX, slug: 'globex', name: 'Globex Retail' })] })),
      mockListAutoQaResults(GX, 'flag=any', { items: [closing, card], nextCursor: null }),
      mockStartEvaluation('ticket-2', evaluationViewFixture({ id: 'eval-9' })),
    );
    const view = await renderComponent(AutoQaFlags, { routes });
    await useSessionStore().loadMe();
    await view.settle();
    // PrimeVue puts the table's label on its wrapper.
    const table = within(view.container.querySelector('[aria-label="Flagged tickets"]') as HTMLElement);
    expect(table.getByText('SB-1001')).toBeTruthy();
    expect(table.getByText('No closing')).toBeTruthy();
    expect(table.getByText(/Last reply: "It ships today."/)).toBeTruthy();
    expect(table.getByText('Card data asked or typed')).toBeTruthy();

    await view.click(table.getByRole('button', { name: 'Review Jose Reyes on SB-1002' }));
    expect(api.callsTo('POST', '/api/tickets/ticket-2/evaluations')[0].body).toEqual({ agentId: 'user-agent-2' });
    expect(view.router.currentRoute.value.fullPath).toBe('/qa/evaluations/eval-9');
  });
});
