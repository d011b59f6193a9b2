import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntryFixture, clientRefFixture, installApiMock, mockListAudit, type ApiMock } from '@switchboard/web-data-access';
import { within } from '../testing/dom-queries.util';
import { renderComponent } from '../testing/render-component.util';
import AuditLog from './AuditLog.vue';

describe('AuditLog', () => {
  let api: ApiMock;
  const globex = clientRefFixture({ id: 'client-globex', slug: 'globex', name: 'Globex Retail', brandColor: '#c2410c' });
  const reveal = auditEntryFixture({ id: '9' });
  const login = auditEntryFixture({ id: '8', action: 'auth.login', actor: { id: 'lead-1', displayName: 'Lea Mercado', role: 'team_lead' }, details: {}, targetType: null, targetId: null });

  beforeEach(() => {
    api = installApiMock(
      mockListAudit('clientId=client-globex', { items: [reveal], nextCursor: '9' }),
      mockListAudit('clientId=client-globex&after=9', { items: [login], nextCursor: null }),
      mockListAudit('clientId=client-globex&action=pii.*', { items: [reveal], nextCursor: null }),
      mockListAudit('', { items: [reveal, login], nextCursor: null }),
    );
  });
  afterEach(() => api.restore());

  it('a client admin reads who did what to their client, page after page, and filters by kind', async () => {
    const view = await renderComponent(AuditLog, { props: { clients: [globex], fixedClientId: 'client-globex' } });
    await view.settle();
    const table = view.getByRole('table', { name: 'Audit log entries' });
    expect(within(table).getByText('Revealed personal data')).toBeTruthy();
    expect(within(table).getByText(/because: “Customer asked for the invoice by email”/)).toBeTruthy();
    expect(within(table).getByText(/Maria Santos/)).toBeTruthy();
    // Their view is their client: no client filter, no client column.
    expect(view.queryByRole('combobox', { name: 'Client' })).toBeNull();
    expect(view.queryByRole('columnheader', { name: 'Client' })).toBeNull();

    await view.click(view.getByRole('button', { name: 'Show older entries' }));
    expect(within(table).getByText('Signed in')).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Show older entries' })).toBeNull();

    const kind = view.getByLabelText('What') as HTMLSelectElement;
    kind.value = 'pii.*';
    kind.dispatchEvent(new Event('change'));
    await view.click(view.getByRole('button', { name: 'Show' }));
    expect(api.callsTo('GET', '/api/audit?clientId=client-globex&action=pii.*')).toHaveLength(1);
    expect(view.queryByText('Signed in')).toBeNull();
  });

  it('an admin sees every client with its name, and a backwards date range is refused before any request', async () => {
    const view = await renderComponent(AuditLog, { props: { clients: [globex] } });
    await view.settle();
    expect(within(view.getByRole('table', { name: 'Audit log entries' })).getAllByText('Globex Retail')).toHaveLength(2);
    expect(view.getByRole('combobox', { name: 'Client' })).toBeTruthy();
    const calls = api.calls.length;
    await view.type(view.getByLabelText('From'), '2026-12-05');
    await view.type(view.getByLabelText('To'), '2026-12-01');
    await view.click(view.getByRole('button', { name: 'Show' }));
    expect(view.getByRole('alert').textContent).toContain('The first day must not be after the last.');
    expect(api.calls.length).toBe(calls);
  });
});
