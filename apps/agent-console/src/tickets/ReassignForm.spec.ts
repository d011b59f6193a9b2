import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  boardAgentFixture,
  endSession,
  installApiMock,
  meResponseFixture,
  mockAssignTicket,
  mockGetMe,
  mockGetPresenceBoard,
  mockGetQueueStats,
  mockGetAgentLoads,
  seedSession,
  ticketDetailFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import ReassignForm from './ReassignForm.vue';

describe('ReassignForm', () => {
  let api: ApiMock;
  const ticket = ticketDetailFixture({ id: 't-1', clientId: 'client-globex', assigneeId: 'agent-maria', status: 'assigned' });

  beforeEach(() => {
    seedSession(userFixture({ id: 'lead-1', role: 'team_lead', displayName: 'Lea Mercado' }));
    api = installApiMock(
      mockGetQueueStats([]),
      mockGetAgentLoads(['agent-maria', 'agent-jose', 'agent-ana'], []),
      mockGetPresenceBoard([
        boardAgentFixture({ userId: 'agent-maria', displayName: 'Maria Santos', clientIds: ['client-globex'], state: 'available', onShift: true }),
        boardAgentFixture({ userId: 'agent-jose', displayName: 'Jose Reyes', clientIds: ['client-globex', 'client-northwind'], state: 'away', onShift: true }),
        boardAgentFixture({ userId: 'agent-ana', displayName: 'Ana Cruz', clientIds: ['client-northwind'], state: 'available', onShift: false }),
      ]),
      mockAssignTicket('t-1', { ...ticket, assigneeId: 'agent-jose' }),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('offers the lead’s agents who serve the ticket’s client, and gives the ticket to the one chosen', async () => {
    api.use(mockGetMe(meResponseFixture()));
    const view = await renderComponent(ReassignForm, { props: { ticket } });
    await useSessionStore().loadMe();
    await view.settle();
    const form = view.getByRole('form', { name: 'Give to an agent' });

    await view.click(within(form).getByRole('button', { name: 'Give ticket' }));
    expect(within(form).getByText('Choose the agent who takes it.')).toBeTruthy();

    await view.click(within(form).getByRole('combobox'));
    expect(view.getAllByRole('option').map((option) => option.textContent?.trim())).toEqual(['Jose Reyes · Away']); // not Maria (has it), not Ana (Northwind only)
    view.getByRole('option', { name: 'Jose Reyes · Away' }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.settle();
    await view.click(within(form).getByRole('button', { name: 'Give ticket' }));

    expect(api.callsTo('POST', '/api/tickets/t-1/assign')[0].body).toEqual({ agentId: 'agent-jose' });
  });
});
