import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFailure, installApiMock, mockRevealContact, ticketDetailFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import CustomerPanel from './CustomerPanel.vue';

describe('CustomerPanel', () => {
  let api: ApiMock;
  beforeEach(() => {
    api = installApiMock(mockRevealContact('t1', { field: 'email', value: 'ana.gomez@example.com' }));
  });
  afterEach(() => api.restore());

  const masked = ticketDetailFixture({ id: 't1', contact: { id: 'c1', displayName: 'Ana Gomez', email: 'a***@example.com', phone: '+1 ••• ••• 0142', revealable: ['email'] } });
  const render = () => renderComponent(CustomerPanel, { props: { ticket: masked, dispositionLabel: (code: string) => code } });

  it('reveals a masked email only with a reason, for this view, and says the client sees it', async () => {
    const view = await render();
    expect(view.getByText('a***@example.com')).toBeTruthy();
    // The phone is not revealable here (the policy or the caller's role says no): no button.
    expect(view.queryByRole('button', { name: 'Reveal the full phone number' })).toBeNull();

    await view.click(view.getByRole('button', { name: 'Reveal the full email' }));
    const form = view.getByRole('form', { name: 'Reveal the full email' });
    expect(within(form).getByText(/sees your name and this reason/)).toBeTruthy();
    await view.type(view.getByLabelText('Why do you need the full email?'), 'abc');
    await view.click(within(form).getByRole('button', { name: 'Reveal email' }));
    expect(within(form).getByRole('alert').textContent).toContain('at least 5 characters');
    expect(api.callsTo('POST', '/api/tickets/t1/reveal')).toHaveLength(0);

    await view.type(view.getByLabelText('Why do you need the full email?'), 'customer asks for the invoice by email');
    await view.click(within(form).getByRole('button', { name: 'Reveal email' }));
    expect(view.getByText(/ana\.gomez@example\.com/).textContent).toContain('(revealed, logged for the client)');
    expect(api.callsTo('POST', '/api/tickets/t1/reveal')[0].body).toEqual({ field: 'email', reason: 'customer asks for the invoice by email' });
    expect(view.queryByRole('form', { name: 'Reveal the full email' })).toBeNull();
    expect(view.queryByRole('button', { name: 'Reveal the full email' })).toBeNull();
  });

  it('shows the refusal when the API says no, and keeps the value masked', async () => {
    api.use(mockRevealContact('t1', apiFailure(403, 'FORBIDDEN', 'Only the agent handling the ticket (or a lead) can reveal its contact details.')));
    const view = await render();
    await view.click(view.getByRole('button', { name: 'Reveal the full email' }));
    await view.type(view.getByLabelText('Why do you need the full email?'), 'customer asked for it');
    await view.click(view.getByRole('button', { name: 'Reveal email' }));
    expect(view.getByRole('alert').textContent).toContain('Only the agent handling the ticket');
    expect(view.getByText('a***@example.com')).toBeTruthy();
    expect(view.queryByText(/ana\.gomez@example\.com/)).toBeNull();
  });
});
