import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaybookRequest } from '@switchboard/shared-contracts';
import {
  apiFailure,
  cannedResponseFixture,
  dispositionFixture,
  endSession,
  installApiMock,
  meResponseFixture,
  mockCreateCannedResponse,
  mockCreateDisposition,
  mockDeleteCannedResponse,
  mockGetMe,
  mockGetPlaybook,
  mockListCannedResponses,
  mockListDispositions,
  mockSavePlaybook,
  mockUpdateCannedResponse,
  mockUpdateDisposition,
  playbookFixture,
  seedSession,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import DeskAdminPage from './DeskAdminPage.vue';

const NW = 'client-northwind';
const northwindPlaybook = playbookFixture({
  clientId: NW,
  greeting: 'Thank you for contacting {{client.name}}.',
  script: 'Verify the caller.',
  dos: ['Confirm the policy number'],
  donts: [],
  links: [{ label: 'Claims guide', url: 'https://northwind.example/claims' }],
  updatedAt: '2025-03-04T10:00:00.000Z',
  updatedByName: 'Avery Admin',
});

describe('Desk content (admins)', () => {
  let api: ApiMock;
  let view: RenderResult;

  beforeEach(async () => {
    seedSession(userFixture({ id: 'admin-1', role: 'admin', displayName: 'Avery Admin' }));
    api = installApiMock(
      mockGetMe(meResponseFixture({ user: userFixture({ id: 'admin-1', role: 'admin' }) })),
      mockGetPlaybook(NW, northwindPlaybook),
      mockListCannedResponses(NW, [cannedResponseFixture({ id: 'c-greet', clientId: NW, shortcut: 'greet', title: 'Greeting', body: 'Hello {{contact.firstName}}' })]),
      mockListDispositions(NW, [dispositionFixture({ id: 'd-claim', clientId: NW, code: 'claim_opened', label: 'Claim opened' })]),
    );
    view = await renderComponent(DeskAdminPage);
    await useSessionStore().loadMe();
    await view.settle();
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  const playbookForm = () => view.getByRole('form', { name: 'Playbook' });
  const field = (name: string) => within(playbookForm()).getByLabelText(name) as HTMLInputElement;

  it('opens on the first client and shows its saved playbook', () => {
    expect(view.getByRole('combobox').textContent).toContain('Northwind Traders');
    expect(field('Greeting').value).toBe('Thank you for contacting {{client.name}}.');
    expect(field('Script').value).toBe('Verify the caller.');
    expect(field('Do 1').value).toBe('Confirm the policy number');
    expect(field('Link 1 address').value).toBe('https://northwind.example/claims');
    expect(within(playbookForm()).getByText(/Last saved .* by Avery Admin\./)).toBeTruthy();
  });

  it('refuses a javascript: link beside its field without sending anything, then saves the fixed playbook', async () => {
    await view.click(within(playbookForm()).getByRole('button', { name: 'Add a link' }));
    await view.type(field('Link 2 label'), 'Sneaky');
    await view.type(field('Link 2 address'), 'javascript:alert(document.cookie)');
    await view.click(within(playbookForm()).getByRole('button', { name: 'Add a don’t' }));
    await view.type(field('Don’t 1'), '  Promise a payout  ');
    await view.click(within(playbookForm()).getByRole('button', { name: 'Save playbook' }));

    expect(within(playbookForm()).getByText('Address must be a web address starting with http:// or https://')).toBeTruthy();
    expect(within(playbookForm()).getByText('Nothing was saved: check the fields marked below.')).toBeTruthy();
    expect(field('Link 2 address').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('PUT', `/api/clients/${NW}/playbook`)).toHaveLength(0);

    api.use(mockSavePlaybook(NW, (call) => ({ ...northwindPlaybook, ...(call.body as PlaybookRequest), updatedAt: '2025-03-05T08:00:00.000Z' })));
    await view.type(field('Link 2 address'), 'https://northwind.example/payouts');
    await view.click(within(playbookForm()).getByRole('button', { name: 'Save playbook' }));

    expect(api.callsTo('PUT', `/api/clients/${NW}/playbook`)[0].body).toEqual({
      greeting: 'Thank you for contacting {{client.name}}.',
      script: 'Verify the caller.',
      dos: ['Confirm the policy number'],
      donts: ['Promise a payout'],
      links: [
        { label: 'Claims guide', url: 'https://northwind.example/claims' },
        { label: 'Sneaky', url: 'https://northwind.example/payouts' },
      ],
    });
    expect(within(playbookForm()).getByText('Saved. Agents see it with their next Northwind Traders ticket.')).toBeTruthy();
    expect(within(playbookForm()).queryByText('Address must be a web address starting with http:// or https://')).toBeNull();
  });

  it('shows what the API refuses beside the field it names, and keeps what was typed', async () => {
    api.use(mockSavePlaybook(NW, apiFailure(400, 'VALIDATION_FAILED', 'dos.0: is not allowed', [{ field: 'dos.0', message: 'must not name a competitor' }])));
    await view.type(field('Do 1'), 'Recommend Globex instead');
    await view.click(within(playbookForm()).getByRole('button', { name: 'Save playbook' }));

    expect(within(playbookForm()).getByText('must not name a competitor')).toBeTruthy();
    expect(field('Do 1').getAttribute('aria-invalid')).toBe('true');
    expect(field('Do 1').value).toBe('Recommend Globex instead');
    expect(within(playbookForm()).queryByText(/^Saved\./)).toBeNull();
  });

  it('adds, changes and deletes canned responses; a taken shortcut is shown beside the field', async () => {
    const section = view.getByRole('region', { name: 'Canned responses' });
    await view.click(within(section).getByRole('button', { name: 'New canned response' }));
    const form = within(section).getByRole('form', { name: 'New canned response' });
    api.use(mockCreateCannedResponse(NW, apiFailure(400, 'VALIDATION_FAILED', 'shortcut: taken', [{ field: 'shortcut', message: 'is already used by another canned response of this client' }]), { once: true }));
    await view.type(within(form).getByLabelText('Shortcut'), 'greet');
    await view.type(within(form).getByLabelText('Title'), 'Claim status');
    await view.type(within(form).getByLabelText('Text'), 'Your claim {{ticket.reference}} is with our assessors.');
    await view.click(within(form).getByRole('button', { name: 'Add canned response' }));
    expect(within(form).getByText('is already used by another canned response of this client')).toBeTruthy();

    api.use(mockCreateCannedResponse(NW, (call) => cannedResponseFixture({ id: 'c-status', clientId: NW, ...(call.body as object) })));
    await view.type(within(form).getByLabelText('Shortcut'), 'claim-status');
    await view.click(within(form).getByRole('button', { name: 'Add canned response' }));
    expect(api.callsTo('POST', `/api/clients/${NW}/canned-responses`)[1].body).toEqual({ shortcut: 'claim-status', title: 'Claim status', body: 'Your claim {{ticket.reference}} is with our assessors.' });
    const table = () => within(section).getByRole('table');
    expect(within(table()).getAllByRole('row').slice(1).map((row) => row.querySelector('td')?.textContent)).toEqual(['/claim-status', '/greet']);

    api.use(mockUpdateCannedResponse('c-greet', (call) => cannedResponseFixture({ id: 'c-greet', clientId: NW, ...(call.body as object) })));
    await view.click(within(section).getByRole('button', { name: 'Edit /greet' }));
    const edit = within(section).getByRole('form', { name: 'Edit canned response' });
    expect((within(edit).getByLabelText('Text') as HTMLTextAreaElement).value).toBe('Hello {{contact.firstName}}');
    await view.type(within(edit).getByLabelText('Title'), 'Opening line');
    await view.click(within(edit).getByRole('button', { name: 'Save canned response' }));
    expect(api.callsTo('PUT', '/api/canned-responses/c-greet')[0].body).toEqual({ shortcut: 'greet', title: 'Opening line', body: 'Hello {{contact.firstName}}' });
    expect(within(table()).getByText('Opening line')).toBeTruthy();

    api.use(mockDeleteCannedResponse('c-greet', undefined));
    await view.click(within(section).getByRole('button', { name: 'Delete /greet' }));
    expect(api.callsTo('DELETE', '/api/canned-responses/c-greet')).toHaveLength(0); // asks first
    await view.click(within(section).getByRole('button', { name: 'Really delete /greet?' }));
    expect(api.callsTo('DELETE', '/api/canned-responses/c-greet')).toHaveLength(1);
    expect(within(table()).queryByText('/greet')).toBeNull();
    expect(within(section).getByText('Deleted /greet.')).toBeTruthy();
  });

  it('adds a disposition code, relabels it and retires it (the code itself cannot be changed)', async () => {
    const section = view.getByRole('region', { name: 'Disposition codes' });
    api.use(mockCreateDisposition(NW, (call) => dispositionFixture({ id: 'd-cb', clientId: NW, ...(call.body as object), active: true })));
    await view.click(within(section).getByRole('button', { name: 'New disposition code' }));
    const form = within(section).getByRole('form', { name: 'New disposition code' });
    await view.type(within(form).getByLabelText('Code'), 'callback');
    await view.type(within(form).getByLabelText('Label'), 'Call back promised');
    await view.click(within(form).getByRole('button', { name: 'Add disposition code' }));
    expect(api.callsTo('POST', `/api/clients/${NW}/dispositions`)[0].body).toEqual({ code: 'callback', label: 'Call back promised' });

    api.use(mockUpdateDisposition('d-cb', (call) => dispositionFixture({ id: 'd-cb', clientId: NW, code: 'callback', label: 'Call back booked', active: true, ...(call.body as object) })));
    await view.click(within(section).getByRole('button', { name: 'Edit callback' }));
    const edit = within(section).getByRole('form', { name: 'Edit disposition code' });
    expect((within(edit).getByLabelText('Code') as HTMLInputElement).disabled).toBe(true);
    await view.type(within(edit).getByLabelText('Label'), 'Call back booked');
    await view.click(within(edit).getByRole('button', { name: 'Save disposition code' }));
    expect(api.callsTo('PATCH', '/api/dispositions/d-cb')[0].body).toEqual({ label: 'Call back booked' });

    await view.click(within(section).getByRole('button', { name: 'Retire callback' }));
    expect(api.callsTo('PATCH', '/api/dispositions/d-cb')[1].body).toEqual({ active: false });
    const row = within(section).getByText('Call back booked').closest('tr') as HTMLElement;
    expect(within(row).getByText('Retired')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Restore callback' })).toBeTruthy();
  });

  it('reads the other client’s content when another client is chosen', async () => {
    api.use(
      mockGetPlaybook('client-globex', playbookFixture({ greeting: 'Hi from Globex' })),
      mockListCannedResponses('client-globex', []),
      mockListDispositions('client-globex', []),
    );
    await view.click(view.getByRole('combobox'));
    view.getByRole('option', { name: 'Globex Retail' }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.settle();

    expect(field('Greeting').value).toBe('Hi from Globex');
    expect(within(view.getByRole('region', { name: 'Canned responses' })).getByText('No canned responses yet.')).toBeTruthy();
    expect(within(view.getByRole('region', { name: 'Disposition codes' })).getByText('No disposition codes yet: agents resolve tickets without one.')).toBeTruthy();
  });
});
