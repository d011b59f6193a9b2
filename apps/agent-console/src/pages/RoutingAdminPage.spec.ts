import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxRouting, QueueSettings } from '@switchboard/shared-contracts';
import { DEFAULT_QUEUE_SETTINGS } from '@switchboard/shared-domain';
import {
  apiFailure,
  boardAgentFixture,
  endSession,
  inboxFixture,
  installApiMock,
  meResponseFixture,
  mockCreateQueue,
  mockGetMe,
  mockGetPresenceBoard,
  mockListClientInboxes,
  mockListQueues,
  mockGetInboxRouting,
  mockSetInboxRouting,
  mockUpdateQueue,
  queueViewFixture,
  queueViewFrom,
  seedSession,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import RoutingAdminPage from './RoutingAdminPage.vue';

const NW = 'client-northwind';
const germanQueue = queueViewFixture({
  id: 'q-german',
  clientId: NW,
  name: 'German support',
  channels: ['chat', 'email'],
  language: 'de',
  requiredSkills: [{ skill: 'billing', minProficiency: 3 }],
  slaSeconds: 120,
  serviceLevelPercent: 90,
  problems: [{ code: 'no_language', message: 'No agent of this client speaks "de".' }],
});
const generalQueue = queueViewFixture({ id: 'q-general', clientId: NW, name: 'General', channels: ['voice'], problems: [] });
const returnsQueue = queueViewFixture({ id: 'q-returns', clientId: NW, name: 'Returns', channels: ['email'], problems: [] });
const chatInbox = inboxFixture({ id: 'inbox-nw-chat', clientId: NW, channel: 'chat', name: 'Website chat', address: 'wk_northwind_demo' });

describe('Queues & routing (admins)', () => {
  let api: ApiMock;
  let view: RenderResult;

  beforeEach(async () => {
    seedSession(userFixture({ id: 'admin-1', role: 'admin' }));
    api = installApiMock(
      mockGetMe(meResponseFixture({ user: userFixture({ id: 'admin-1', role: 'admin' }) })),
      mockListQueues(NW, [germanQueue, generalQueue, returnsQueue]),
      mockListClientInboxes(NW, [chatInbox]),
      mockGetInboxRouting('inbox-nw-chat', { defaultQueueId: null, rules: [] }),
      mockGetPresenceBoard([
        boardAgentFixture({ userId: 'agent-1', clientIds: [NW], teamId: 'team-colombo', teamName: 'Colombo Day', skills: [{ skill: 'billing', name: 'Billing', proficiency: 4 }] }),
      ]),
    );
    view = await renderComponent(RoutingAdminPage);
    await useSessionStore().loadMe();
    await view.settle();
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  const queuesSection = () => view.getByRole('region', { name: 'Queues' });
  const rowOf = (name: string) => within(queuesSection()).getByText(name).closest('tr') as HTMLElement;
  const cellsOf = (name: string) => [...rowOf(name).querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());
  const input = (scope: HTMLElement, label: string) => within(scope).getByLabelText(label) as HTMLInputElement;
  /** The field wrapper an input sits in, where its error belongs. */
  const fieldOf = (element: HTMLElement) => element.closest('.queue-form__field, .inbox-routing__field') as HTMLElement;
  async function choose(combobox: HTMLElement, option: string) {
    await view.click(combobox);
    view.getByRole('option', { name: option }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.settle();
  }

  it('lists the queues with what they take, and says plainly when nobody can serve one', () => {
    expect(cellsOf('German support')).toEqual(['German support', 'Chat, Email', '90 % in 2 min', 'de', 'billing 3+', 'No agent of this client speaks "de".', 'Edit']);
    expect(cellsOf('General')).toEqual(['General', 'Voice', '80 % in 60 s', 'Ticket’s own', 'None', 'Yes', 'Edit']);
  });

  it('creates a queue from every group of the form and sends the settings as the API takes them', async () => {
    api.use(mockCreateQueue(NW, (call) => queueViewFrom(queueViewFixture({ id: 'q-new', clientId: NW }), call.body, [{ code: 'no_channel_capacity', message: 'No agent of this client has capacity for social.' }])));
    await view.click(within(queuesSection()).getByRole('button', { name: 'New queue' }));
    const form = within(queuesSection()).getByRole('form', { name: 'New queue' });

    await view.type(input(form, 'Name'), '  Spanish email  ');
    await view.click(input(form, 'Email'));
    await view.click(input(form, 'Social'));
    await choose(input(form, 'Priority of its tickets'), '2 — high');
    await view.click(within(form).getByRole('button', { name: 'Add a required skill' }));
    await view.type(input(form, 'Required skill 1'), 'billing');
    await view.type(input(form, 'Required skill 1 level'), '4');
    await view.type(input(form, 'Language agents must speak'), 'es');
    await view.type(input(form, 'Answer within (seconds)'), '3600');
    await view.type(input(form, 'Each minute waited'), '0.5');
    await view.type(input(form, 'Email (s)'), '300');
    await view.click(input(form, 'Auto-accept email'));
    await view.type(input(form, 'Return unanswered after (s)'), '7200');
    await view.click(within(form).getByRole('button', { name: 'Add an overflow ring' }));
    await view.type(input(form, 'Ring 1 after (s)'), '900');
    await view.click(within(form).getByRole('button', { name: 'Create queue' }));

    const expected: QueueSettings = {
      ...DEFAULT_QUEUE_SETTINGS,
      name: 'Spanish email',
      channels: ['email', 'social'],
      priority: 2,
      requiredSkills: [{ skill: 'billing', minProficiency: 4 }],
      language: 'es',
      slaSeconds: 3600,
      ordering: { priorityWeight: 10, waitWeight: 0.5, slaWeight: 5 },
      offerTimeouts: { voice: 20, chat: 30, email: 300, social: 60 },
      autoAcceptChannels: ['email'],
      returnAfterSeconds: 7200,
      overflow: [{ afterSeconds: 900, widen: 'any_language' }],
    };
    expect(api.callsTo('POST', `/api/clients/${NW}/queues`).map((call) => call.body)).toEqual([expected]);
    expect(within(queuesSection()).queryByRole('form')).toBeNull();
    expect(within(queuesSection()).getByText('Created Spanish email. Nobody can serve it yet: see its problems below.')).toBeTruthy();
    expect(cellsOf('Spanish email')).toContain('No agent of this client has capacity for social.');
  });

  it('shows the API’s refusal beside its field, keeps what was typed and changes nothing; a fixed value then saves only what changed', async () => {
    api.use(
      mockUpdateQueue('q-general', apiFailure(400, 'VALIDATION_FAILED', 'offerTimeouts.voice: must be 5–3600 seconds', [{ field: 'offerTimeouts.voice', message: 'must be 5–3600 seconds' }]), { once: true }),
    );
    await view.click(within(queuesSection()).getByRole('button', { name: 'Edit General' }));
    const form = within(queuesSection()).getByRole('form', { name: 'Edit queue General' });
    expect(input(form, 'Voice (s)').value).toBe('20');
    await view.type(input(form, 'Voice (s)'), '2');
    await view.type(input(form, 'Name'), 'General line');
    await view.click(within(form).getByRole('button', { name: 'Save queue' }));

    expect(api.callsTo('PATCH', '/api/queues/q-general').map((call) => call.body)).toEqual([{ name: 'General line', offerTimeouts: { voice: 2, chat: 30, email: 120, social: 60 } }]);
    const voice = input(form, 'Voice (s)');
    expect(within(fieldOf(voice)).getByText('must be 5–3600 seconds')).toBeTruthy();
    expect(within(fieldOf(input(form, 'Chat (s)'))).queryByText('must be 5–3600 seconds')).toBeNull();
    expect(voice.getAttribute('aria-invalid')).toBe('true');
    expect(voice.value).toBe('2');
    expect(input(form, 'Name').value).toBe('General line');
    expect(within(form).getByText('Nothing was saved: check the fields marked below.')).toBeTruthy();
    expect(cellsOf('General')[0]).toBe('General'); // the list still shows the queue as saved

    api.use(mockUpdateQueue('q-general', (call) => queueViewFrom(generalQueue, call.body)));
    await view.type(input(form, 'Voice (s)'), '15');
    await view.click(within(form).getByRole('button', { name: 'Save queue' }));
    expect(api.callsTo('PATCH', '/api/queues/q-general')[1].body).toEqual({ name: 'General line', offerTimeouts: { voice: 15, chat: 30, email: 120, social: 60 } });
    expect(within(queuesSection()).queryByRole('form')).toBeNull();
    expect(within(queuesSection()).getByText('Saved General line.')).toBeTruthy();
    expect(cellsOf('General line')[0]).toBe('General line');
  });

  it('lists an error for a field the form has no place for under the form rather than dropping it', async () => {
    api.use(mockCreateQueue(NW, apiFailure(400, 'VALIDATION_FAILED', 'bad', [{ field: 'name', message: 'another queue of this client has this name' }, { field: 'colour', message: 'is not a queue setting' }])));
    await view.click(within(queuesSection()).getByRole('button', { name: 'New queue' }));
    const form = within(queuesSection()).getByRole('form', { name: 'New queue' });
    await view.type(input(form, 'Name'), 'General');
    await view.click(input(form, 'Voice'));
    await view.click(within(form).getByRole('button', { name: 'Create queue' }));
    expect(within(fieldOf(input(form, 'Name'))).getByText('another queue of this client has this name')).toBeTruthy();
    expect(within(form).getByText('colour: is not a queue setting')).toBeTruthy();
    expect(within(form).queryByText('name: another queue of this client has this name')).toBeNull();
  });

  it('starts each inbox from the routing it has, and saves nothing while that cannot be read', async () => {
    api.use(
      mockGetInboxRouting('inbox-nw-chat', { defaultQueueId: 'q-general', rules: [{ queueId: 'q-returns', keywords: ['refund'] }] }, { once: true }),
      mockListClientInboxes(NW, [chatInbox]),
    );
    view = await renderComponent(RoutingAdminPage);
    await useSessionStore().loadMe();
    await view.settle();
    const form = view.getByRole('form', { name: 'Routing of Website chat' });
    expect(input(form, 'Default queue').textContent).toContain('General');
    expect(input(form, 'Rule 1 words').value).toBe('refund');
    expect(input(form, 'Rule 1 queue').textContent).toContain('Returns');

    api.use(mockGetInboxRouting('inbox-nw-chat', apiFailure(503, 'SERVICE_UNAVAILABLE', 'The database is busy.'), { once: true }));
    view = await renderComponent(RoutingAdminPage);
    await useSessionStore().loadMe();
    await view.settle();
    const unread = view.getByRole('form', { name: 'Routing of Website chat' });
    expect(within(unread).getByText(/Nothing can be saved until the current routing is read/)).toBeTruthy();
    expect((within(unread).getByRole('button', { name: 'Save routing of Website chat' }) as HTMLButtonElement).disabled).toBe(true);
    await view.click(within(unread).getByRole('button', { name: 'Try again' }));
    expect((within(unread).getByRole('button', { name: 'Save routing of Website chat' }) as HTMLButtonElement).disabled).toBe(false);
    expect(api.callsTo('PUT', '/api/inboxes/inbox-nw-chat/routing')).toHaveLength(0);
  });

  it('builds an inbox’s ordered rules, reorders and removes them, and saves them in the order shown', async () => {
    const saved: InboxRouting = {
      defaultQueueId: 'q-general',
      rules: [
        { queueId: 'q-returns', keywords: ['refund', 'return'], priority: 2 },
        { queueId: 'q-german', language: 'de' },
      ],
    };
    // Newest routes answer first: the refusal once, then the saved routing.
    api.use(
      mockSetInboxRouting('inbox-nw-chat', saved),
      mockSetInboxRouting('inbox-nw-chat', apiFailure(400, 'VALIDATION_FAILED', 'rules[2].queueId', [{ field: 'rules[2].queueId', message: 'must be one of this client’s queues' }]), { once: true }),
    );
    const form = view.getByRole('form', { name: 'Routing of Website chat' });
    await choose(input(form, 'Default queue'), 'General');
    for (let i = 0; i < 3; i += 1) await view.click(within(form).getByRole('button', { name: 'Add a rule' }));
    await view.type(input(form, 'Rule 1 language'), 'de');
    await choose(input(form, 'Rule 1 queue'), 'German support');
    await view.type(input(form, 'Rule 2 words'), 'refund,  return, ');
    await choose(input(form, 'Rule 2 queue'), 'Returns');
    await choose(input(form, 'Rule 2 priority'), '2 — high');
    await view.type(input(form, 'Rule 3 words'), 'invoice');

    await view.click(within(form).getByRole('button', { name: 'Move rule 2 up' }));
    expect(input(form, 'Rule 1 words').value).toBe('refund,  return, ');
    expect(input(form, 'Rule 2 language').value).toBe('de');
    expect(input(form, 'Rule 2 queue').textContent).toContain('German support');

    await view.click(within(form).getByRole('button', { name: 'Save routing of Website chat' }));
    // Rule 3 has no queue: refused beside it, and the form keeps every rule.
    expect(api.callsTo('PUT', '/api/inboxes/inbox-nw-chat/routing')[0].body).toEqual({
      defaultQueueId: 'q-general',
      rules: [
        { queueId: 'q-returns', keywords: ['refund', 'return'], priority: 2 },
        { queueId: 'q-german', language: 'de' },
        { queueId: '', keywords: ['invoice'] },
      ],
    });
    expect(within(fieldOf(input(form, 'Rule 3 queue'))).getByText('must be one of this client’s queues')).toBeTruthy();
    expect(input(form, 'Rule 3 words').value).toBe('invoice');

    await view.click(within(form).getByRole('button', { name: 'Remove rule 3' }));
    await view.click(within(form).getByRole('button', { name: 'Save routing of Website chat' }));
    expect(api.callsTo('PUT', '/api/inboxes/inbox-nw-chat/routing')[1].body).toEqual(saved);
    expect(within(form).getByText('Saved. New tickets of Website chat follow these rules.')).toBeTruthy();
    expect(within(form).queryByText('must be one of this client’s queues')).toBeNull();
    expect(within(form).getAllByRole('listitem')).toHaveLength(2);
  });
});
