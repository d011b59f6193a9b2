import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentClientEvents, AgentServerEvents, TicketSummary } from '@switchboard/shared-contracts';
import {
  apiFailure,
  cannedResponseFixture,
  dispositionFixture,
  endSession,
  installApiMock,
  meResponseFixture,
  messageViewFixture,
  staffMessageViewFixture,
  mockGetMe,
  mockGetEarlierMessages,
  mockGetTicket,
  mockListCannedResponses,
  mockListDispositions,
  mockListMyTickets,
  mockGetTransferTargets,
  mockGetPlaybook,
  playbookFixture,
  mockTransferTicket,
  transferTargetsFixture,
  mockFindColleagues,
  mockSendTicketMessage,
  mockSetTicketStatus,
  seedSession,
  ticketDetailFixture,
  ticketMessageFixture,
  ticketSummaryFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { createFakeConnection, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import { startAgentRealtime } from '../realtime/agent-realtime.connector';
import { useMyTicketsStore } from '../tickets/my-tickets.store';
import ShortcutsDialog from '../layout/ShortcutsDialog.vue';
import NoTicketPage from './NoTicketPage.vue';
import TicketPage from './TicketPage.vue';
import TicketsPage from './TicketsPage.vue';

type FakeAgentConnection = FakeRealtimeConnection<AgentServerEvents, AgentClientEvents>;

const ME = 'user-agent-1';
const mine = (overrides: Partial<TicketSummary>) => ticketSummaryFixture({ status: 'assigned', assigneeId: ME, ...overrides });
const globex = mine({ id: 't-globex', reference: 'SB-2001', clientId: 'client-globex', contactName: 'Ana Gomez', preview: 'Where is my parcel?', createdAt: '2025-01-01T08:00:00.000Z' });
const northwind = mine({ id: 't-north', reference: 'SB-2002', clientId: 'client-northwind', contactName: 'Bo Lee', preview: 'Invoice question', createdAt: '2025-01-01T09:00:00.000Z' });
const globexDetail = ticketDetailFixture({
  ...globex,
  contact: { id: 'c1', displayName: 'Ana Gomez', email: 'a***@example.com', phone: null, revealable: ['email'] },
  messages: [ticketMessageFixture({ id: 'm1', ticketId: 't-globex', seq: 1, body: 'Where is my parcel?' })],
  earlierTickets: [{ id: 't-old', reference: 'SB-1500', channel: 'email', status: 'closed', subject: 'Wrong size', createdAt: '2024-11-02T10:00:00.000Z', disposition: 'replacement_sent' }],
});

describe('My tickets: the desk', () => {
  let api: ApiMock;
  let connection: FakeAgentConnection;
  let stop: (() => void) | null = null;
  let view: RenderResult;

  beforeEach(async () => {
    seedSession(userFixture({ id: ME }));
    api = installApiMock(mockGetMe(meResponseFixture()), mockListMyTickets([northwind, globex]), mockGetTicket('t-globex', globexDetail));
    connection = createFakeConnection<AgentServerEvents, AgentClientEvents>('connected');
    connection.answer('ticket.watch', ({ ticketId }) => ({ ok: true, data: { ticketId } }));
    connection.answer('ticket.unwatch', ({ ticketId }) => ({ ok: true, data: { ticketId } }));
    connection.answer('typing.set', ({ ticketId }) => ({ ok: true, data: { ticketId } }));
    view = await renderComponent({ components: { TicketsPage, ShortcutsDialog }, data: () => ({ open: false }), template: '<TicketsPage /><ShortcutsDialog v-model:open="open" />' }, {
      routes: [
        {
          path: '/tickets',
          component: { template: '<RouterView />' },
          children: [
            { path: '', name: 'tickets', component: NoTicketPage },
            { path: ':ticketId', name: 'ticket', component: TicketPage, props: true },
          ],
        },
      ],
      route: '/tickets',
    });
    stop = startAgentRealtime(() => connection);
    await useSessionStore().loadMe();
    await useMyTicketsStore().load();
    await view.settle();
  });
  afterEach(() => {
    stop?.();
    api.restore();
    endSession();
  });

  const workspace = () => view.getByRole('region', { name: /SB-2001/ });
  const conversation = () => within(workspace()).getByRole('list', { name: 'Conversation' });
  const open = async () => {
    await view.click(view.getByRole('link', { name: /SB-2001/ }));
    await view.settle();
  };

  it('groups my tickets by client, with each client’s name, and opens one beside the list', async () => {
    const inbox = view.getByRole('navigation', { name: 'My tickets' });
    const groups = within(inbox)
      .getAllByRole('heading')
      .slice(1)
      .map((heading) => [...heading.children].map((part) => part.textContent?.trim()));
    expect(groups).toEqual([
      ['Globex Retail', '1 ticket'],
      ['Northwind Traders', '1 ticket'],
    ]);
    expect(view.getByText('Pick a ticket on the left. Offers you accept open here.')).toBeTruthy();

    await open();

    expect(connection.requests).toContainEqual({ event: 'ticket.watch', payload: { ticketId: 't-globex' } });
    expect(within(workspace()).getByText('Globex Retail')).toBeTruthy();
    expect(within(workspace()).queryByRole('complementary', { name: 'Customer' })).toBeNull(); // the playbook comes first
    await view.click(within(workspace()).getByRole('tab', { name: 'Customer' }));
    const customer = within(workspace()).getByRole('complementary', { name: 'Customer' });
    expect(within(customer).getByText('a***@example.com')).toBeTruthy(); // masked as the client's policy says
    expect(within(customer).getByRole('link', { name: 'SB-1500' }).getAttribute('href')).toBe('/tickets/t-old');
    expect(within(customer).getByText('Wrong size')).toBeTruthy();
    expect(within(conversation()).getAllByRole('listitem').map((line) => line.querySelector('.line__body')?.textContent)).toEqual(['Where is my parcel?']);
  });

  it('shows each live message once, even when heard again after a reconnect, and the customer typing', async () => {
    await open();
    connection.emitFromServer('customer.typing', { ticketId: 't-globex', typing: true });
    await view.settle();
    expect(within(workspace()).getByText('Ana Gomez is typing…')).toBeTruthy();

    const live = staffMessageViewFixture({ id: 'm2', ticketId: 't-globex', seq: 2, body: 'Hello?' });
    connection.emitFromServer('message.created', live);
    connection.emitFromServer('message.created', live);
    api.use(mockGetTicket('t-globex', { ...globexDetail, messages: [...globexDetail.messages, ticketMessageFixture({ ...live })] }));
    connection.setState('reconnecting');
    connection.setState('connected');
    await view.settle();

    expect(within(conversation()).getAllByRole('listitem').map((line) => line.querySelector('.line__body')?.textContent)).toEqual(['Where is my parcel?', 'Hello?']);
    expect(within(workspace()).queryByText('Ana Gomez is typing…')).toBeNull();
    expect(connection.requests.filter((r) => r.event === 'ticket.watch')).toHaveLength(2); // watched again after the reconnect
  });

  it('counts unread messages on the tickets not on screen', async () => {
    await open();
    connection.emitFromServer('message.created', staffMessageViewFixture({ id: 'm9', ticketId: 't-north', seq: 2, body: 'Any news?' }));
    await view.settle();

    expect(view.getByLabelText('1 unread message')).toBeTruthy();
  });

  it('mentions a colleague in an internal note: @ and a name finds them, Enter puts them in, the note tells them', async () => {
    api.use(
      mockFindColleagues('t-globex', 'jo', [{ id: 'agent-jose', name: 'Jose Reyes', role: 'agent' }]),
      mockSendTicketMessage('t-globex', (call) => messageViewFixture({ id: 'm4', ticketId: 't-globex', seq: 2, direction: 'note', body: (call.body as { body: string }).body, authorName: 'Asha Perera' })),
    );
    await open();
    await view.click(within(workspace()).getByRole('button', { name: 'Internal note' }));
    const box = within(workspace()).getByRole('textbox', { name: 'Internal note' });
    await view.type(box, 'Ask @jo');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the lookup waits for typing to pause
    await view.settle();

    const list = within(workspace()).getByRole('listbox', { name: 'Colleagues to mention' });
    expect(within(list).getAllByRole('option').map((option) => option.textContent?.trim())).toEqual(['@Jose Reyes Agent']);
    expect(box.getAttribute('aria-activedescendant')).toBe(within(list).getByRole('option').id);
    await view.press(box, 'Enter');
    expect((box as HTMLTextAreaElement).value).toBe('Ask @Jose Reyes ');
    expect(within(workspace()).queryByRole('listbox', { name: 'Colleagues to mention' })).toBeNull();

    await view.type(box, 'Ask @Jose Reyes about the courier');
    await view.press(box, 'Enter');
    await view.settle();
    expect(api.callsTo('POST', '/api/tickets/t-globex/messages')[0].body).toMatchObject({ kind: 'note', body: 'Ask @Jose Reyes about the courier', mentions: ['agent-jose'] });

    // A name taken out of the note again is not mentioned.
    await view.type(box, 'Ask @jo');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await view.settle();
    await view.press(box, 'Tab');
    await view.type(box, 'Never mind, solved');
    await view.press(box, 'Enter');
    await view.settle();
    expect(api.callsTo('POST', '/api/tickets/t-globex/messages')[1].body).not.toHaveProperty('mentions');
  });

  it('sends a reply with Enter, and keeps the draft with a clear message when the ticket is no longer mine', async () => {
    await open();
    const box = within(workspace()).getByRole('textbox', { name: 'Reply' });
    api.use(mockSendTicketMessage('t-globex', (call) => messageViewFixture({ id: 'm3', ticketId: 't-globex', seq: 2, direction: 'outbound', body: (call.body as { body: string }).body, authorName: 'Asha Perera' })));
    await view.type(box, 'It left our warehouse today.');
    await view.press(box, 'Enter');
    await view.settle();

    expect(api.callsTo('POST', '/api/tickets/t-globex/messages')[0].body).toMatchObject({ kind: 'reply', body: 'It left our warehouse today.' });
    expect(within(conversation()).getByText('It left our warehouse today.')).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe('');
    expect(connection.requests).toContainEqual({ event: 'typing.set', payload: { ticketId: 't-globex', typing: true } });

    api.use(mockSendTicketMessage('t-globex', apiFailure(403, 'TICKET_NOT_YOURS', 'This ticket is assigned to someone else.')));
    await view.type(box, 'One more thing');
    await view.click(within(workspace()).getByRole('button', { name: 'Send reply' }));
    await view.settle();

    expect(within(workspace()).getByText('This ticket is no longer assigned to you, so your reply was not sent. Your draft is kept.')).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe('One more thing');
  });

  it('refuses an empty message before sending anything', async () => {
    await open();
    await view.click(within(workspace()).getByRole('button', { name: 'Send reply' }));
    await view.settle();

    expect(within(workspace()).getByText('Write something first.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/tickets/t-globex/messages')).toHaveLength(0);
  });

  it('resolves: the ticket leaves my open tickets', async () => {
    await open();
    api.use(mockSetTicketStatus('t-globex', { ...globex, status: 'resolved' }));
    await view.click(within(workspace()).getByRole('button', { name: 'Resolve' }));
    connection.emitFromServer('ticket.updated', { ...globex, status: 'resolved' });
    await view.settle();

    expect(api.callsTo('POST', '/api/tickets/t-globex/status')[0].body).toEqual({ status: 'resolved' });
    expect(view.queryByRole('link', { name: /SB-2001/ })).toBeNull();
    expect(within(workspace()).getByText('Resolved')).toBeTruthy();
  });

  it('fills a canned response found with /, and will not send what is left to write', async () => {
    api.use(
      mockListCannedResponses('client-globex', [
        cannedResponseFixture({ id: 'c1', shortcut: 'greet', title: 'Greeting', body: 'Hi {{contact.firstName}}, I am {{agent.firstName}} from {{client.name}}.' }),
        cannedResponseFixture({ id: 'c2', shortcut: 'tracking', title: 'Where is my parcel', body: 'Your parcel {{ticket.reference}} is on its way.' }),
      ]),
    );
    await open();
    const box = within(workspace()).getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;

    await view.type(box, '/');
    const options = within(workspace()).getAllByRole('option').map((option) => option.querySelector('strong')?.textContent);
    expect(options).toEqual(['/greet', '/tracking']);
    await view.type(box, '/par');
    expect(within(workspace()).getAllByRole('option')).toHaveLength(1);
    await view.press(box, 'Enter');
    expect(box.value).toBe('Your parcel SB-2001 is on its way.');
    expect(api.callsTo('POST', '/api/tickets/t-globex/messages')).toHaveLength(0); // Enter chose, it did not send

    await view.type(box, '/gr');
    await view.press(box, 'Tab');
    expect(box.value).toBe('Hi Ana, I am Asha from Globex Retail.');

    api.use(mockGetTicket('t-globex', { ...globexDetail, contactName: 'Web visitor 3F9A', contact: { ...globexDetail.contact, displayName: 'Web visitor 3F9A' } }));
    await view.router.push('/tickets');
    await view.settle();
    await open();
    const fresh = within(workspace()).getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    await view.type(fresh, '/greet');
    await view.press(fresh, 'Enter');
    expect(fresh.value).toBe('Hi {{contact.firstName}}, I am Asha from Globex Retail.');
    await view.click(within(workspace()).getByRole('button', { name: 'Send reply' }));
    await view.settle();
    expect(within(workspace()).getByText('Fill in {{contact.firstName}} before sending.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/tickets/t-globex/messages')).toHaveLength(0);
  });

  it('asks for one of the client’s dispositions before resolving', async () => {
    api.use(
      mockListDispositions('client-globex', [
        dispositionFixture({ code: 'order_status', label: 'Order status given' }),
        dispositionFixture({ id: 'd2', code: 'old_code', label: 'Retired', active: false }),
      ]),
      mockSetTicketStatus('t-globex', { ...globex, status: 'resolved' }),
    );
    await open();
    await view.click(within(workspace()).getByRole('button', { name: 'Resolve' }));

    const wrapUp = within(workspace()).getByRole('form', { name: 'Wrap up' });
    const confirm = within(wrapUp).getByRole('button', { name: 'Resolve ticket' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(api.callsTo('POST', '/api/tickets/t-globex/status')).toHaveLength(0);

    await view.click(within(wrapUp).getByRole('combobox'));
    const choices = view.getAllByRole('option').map((option) => option.textContent?.trim());
    expect(choices).toEqual(['Order status given']);
    // PrimeVue's Select takes a choice on mousedown, as a pointer does.
    view.getByRole('option', { name: 'Order status given' }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.settle();
    expect(within(wrapUp).getByRole('combobox').textContent).toContain('Order status given');
    await view.click(within(wrapUp).getByRole('button', { name: 'Resolve ticket' }));
    await view.settle();

    expect(api.callsTo('POST', '/api/tickets/t-globex/status')[0].body).toEqual({ status: 'resolved', disposition: 'order_status' });
    expect(within(workspace()).getByText('Wrapped up: Order status given')).toBeTruthy();
  });

  it('lists the shortcuts on ?, walks my tickets with J and K, and C writes in the open ticket', async () => {
    const key = async (k: string, target: EventTarget = document.body) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      await view.settle();
    };
    await key('?');
    const dialog = view.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Open the next of my tickets')).toBeTruthy();
    await key('?');
    expect(view.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();

    await key('j');
    expect(view.router.currentRoute.value.params['ticketId']).toBe('t-globex'); // the first ticket of the first client
    await key('j');
    expect(view.router.currentRoute.value.params['ticketId']).toBe('t-north');
    await key('k');
    expect(view.router.currentRoute.value.params['ticketId']).toBe('t-globex');

    await key('c');
    const box = within(workspace()).getByRole('textbox', { name: 'Reply' });
    expect(document.activeElement).toBe(box);
    await key('j', box); // typing a j in the composer is typing, not a shortcut
    expect(view.router.currentRoute.value.params['ticketId']).toBe('t-globex');
  });

  it('transfers to another queue of the client, cold, with a note; the ticket leaves my desk', async () => {
    api.use(
      mockGetTransferTargets('t-globex', transferTargetsFixture({ queues: [{ id: 'q-returns', name: 'Returns & refunds' }, { id: 'q-vip', name: 'VIP chat' }] })),
      mockTransferTicket('t-globex', { ticketId: 't-globex' }),
    );
    await open();
    await view.click(within(workspace()).getByRole('button', { name: 'Transfer' }));
    const form = within(workspace()).getByRole('form', { name: 'Transfer' });

    await view.click(within(form).getByRole('button', { name: 'Transfer ticket' }));
    expect(within(form).getByText('Choose the queue it goes to.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/tickets/t-globex/transfer')).toHaveLength(0);

    await view.click(within(form).getByRole('combobox', { name: 'To the queue' }));
    expect(view.getAllByRole('option').map((option) => option.textContent?.trim())).toEqual(['Returns & refunds', 'VIP chat']);
    view.getByRole('option', { name: 'Returns & refunds' }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.settle();
    await view.type(within(form).getByRole('textbox', { name: 'Note for the colleague (optional)' }), 'Wants a refund, not a replacement');
    await view.click(within(form).getByRole('button', { name: 'Transfer ticket' }));
    connection.emitFromServer('ticket.requeued', { ticketId: 't-globex', clientId: 'client-globex', queueId: 'q-returns', reason: 'transferred', agentId: ME });
    await view.settle();

    expect(api.callsTo('POST', '/api/tickets/t-globex/transfer')[0].body).toEqual({ target: { kind: 'queue', queueId: 'q-returns' }, mode: 'cold', note: 'Wants a refund, not a replacement' });
    expect(within(workspace()).getByText('Transferred: the ticket has left you and waits for its new owner.')).toBeTruthy();
    expect(view.queryByRole('link', { name: /SB-2001/ })).toBeNull();
  });

  it('transfers warm to a colleague chosen by name and state, or to a team', async () => {
    api.use(mockGetTransferTargets('t-globex', transferTargetsFixture()), mockTransferTicket('t-globex', { ticketId: 't-globex' }));
    await open();
    await view.click(within(workspace()).getByRole('button', { name: 'Transfer' }));
    const form = within(workspace()).getByRole('form', { name: 'Transfer' });

    await view.click(within(form).getByRole('button', { name: 'A colleague' }));
    await view.click(within(form).getByRole('combobox', { name: 'To the colleague' }));
    expect(view.getAllByRole('option').map((option) => option.textContent?.trim())).toEqual(['Jose Reyes · Available · Manila Atlas', 'Lucía Herrera · Away · Bogotá Condor']);
    view.getByRole('option', { name: /Jose Reyes/ }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.settle();
    await view.click(within(form).getByRole('button', { name: 'Warm: I keep it until someone accepts' }));
    await view.click(within(form).getByRole('button', { name: 'Transfer ticket' }));
    expect(api.callsTo('POST', '/api/tickets/t-globex/transfer')[0].body).toEqual({ target: { kind: 'agent', agentId: 'agent-jose' }, mode: 'warm' });
    expect(within(workspace()).getByText('Transfer asked: you keep the ticket until a colleague accepts it.')).toBeTruthy();

    await view.click(within(workspace()).getByRole('button', { name: 'Transfer' }));
    const again = within(workspace()).getByRole('form', { name: 'Transfer' });
    await view.click(within(again).getByRole('button', { name: 'A team' }));
    await view.click(within(again).getByRole('combobox', { name: 'To the team' }));
    view.getByRole('option', { name: 'Bogotá Condor · 2 agents' }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.settle();
    await view.click(within(again).getByRole('button', { name: 'Transfer ticket' }));
    expect(api.callsTo('POST', '/api/tickets/t-globex/transfer')[1].body).toEqual({ target: { kind: 'team', teamId: 'team-bogota' }, mode: 'cold' });
  });

  it('shows the client’s playbook beside the conversation, as text, and puts its greeting, filled, above my draft', async () => {
    api.use(
      mockGetPlaybook(
        'client-globex',
        playbookFixture({
          greeting: 'Hi {{contact.firstName}}, thanks for contacting {{client.name}}! I am {{agent.firstName}}.',
          script: 'Ask for the order number.\nNever paste <b>HTML</b> here.',
          dos: ['Keep replies short', 'Offer the replacement first'],
          donts: ['Never ask for card numbers'],
          links: [{ label: 'Returns policy', url: 'https://globex.example/help/returns' }],
        }),
      ),
    );
    await open();
    const playbook = within(workspace()).getByRole('region', { name: 'Globex Retail playbook' });

    expect(within(playbook).getByText('Hi {{contact.firstName}}, thanks for contacting {{client.name}}! I am {{agent.firstName}}.')).toBeTruthy();
    expect(within(playbook).getByText(/Never paste <b>HTML<\/b> here\./)).toBeTruthy(); // shown as written, never as markup
    expect(playbook.querySelector('b')).toBeNull();
    expect(within(within(playbook).getByRole('list', { name: 'Do' })).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Keep replies short', 'Offer the replacement first']);
    expect(within(within(playbook).getByRole('list', { name: 'Don’t' })).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Never ask for card numbers']);
    const link = within(playbook).getByRole('link', { name: 'Returns policy' });
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual(['https://globex.example/help/returns', '_blank', 'noopener noreferrer']);

    const box = within(workspace()).getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    await view.click(within(workspace()).getByRole('button', { name: 'Internal note' }));
    await view.type(box, 'Your parcel left today.');
    await view.click(within(playbook).getByRole('button', { name: 'Use greeting' }));
    expect(box.value).toBe('Hi Ana, thanks for contacting Globex Retail! I am Asha.\n\nYour parcel left today.');
    expect(within(workspace()).getByRole('button', { name: 'Send reply' })).toBeTruthy(); // a greeting is for the customer: back to a reply
    expect(api.callsTo('POST', '/api/tickets/t-globex/messages')).toHaveLength(0);
  });

  it('shows the playbook first whenever I move to a ticket of another client, and says when it cannot be read', async () => {
    api.use(
      mockGetPlaybook('client-globex', playbookFixture({ greeting: 'Hi from Globex' })),
      mockGetTicket('t-north', ticketDetailFixture({ ...northwind, contact: { id: 'c2', displayName: 'Bo Lee', email: null, phone: null, revealable: [] } })),
    );
    await open();
    await view.click(within(workspace()).getByRole('tab', { name: 'Customer' }));
    expect(within(workspace()).queryByRole('region', { name: 'Globex Retail playbook' })).toBeNull();

    await view.click(view.getByRole('link', { name: /SB-2002/ }));
    await view.settle();
    const north = view.getByRole('region', { name: /SB-2002/ });
    const playbook = within(north).getByRole('region', { name: 'Northwind Traders playbook' });
    expect(within(playbook).getByText(/could not|No API mock/)).toBeTruthy(); // the API said no: the agent hears it
    expect(within(north).queryByText('Hi from Globex')).toBeNull(); // never another client's playbook

    api.use(mockGetPlaybook('client-northwind', playbookFixture({ clientId: 'client-northwind', greeting: 'Northwind greeting', dos: [], donts: [], links: [], script: '' })));
    await view.click(within(playbook).getByRole('button', { name: 'Try again' }));
    await view.settle();
    expect(within(within(north).getByRole('region', { name: 'Northwind Traders playbook' })).getByText('Northwind greeting')).toBeTruthy();
  });

  it('pages back through a long conversation, each line once', async () => {
    api.use(
      mockGetTicket('t-globex', { ...globexDetail, hasEarlierMessages: true, messages: [ticketMessageFixture({ id: 'm101', ticketId: 't-globex', seq: 101, body: 'Line 101' })] }),
      mockGetEarlierMessages('t-globex', 101, {
        messages: [ticketMessageFixture({ id: 'm99', ticketId: 't-globex', seq: 99, body: 'Line 99' }), ticketMessageFixture({ id: 'm100', ticketId: 't-globex', seq: 100, body: 'Line 100' })],
        hasMore: false,
      }),
    );
    await open();
    await view.click(within(workspace()).getByRole('button', { name: 'Show earlier messages' }));
    await view.settle();

    expect(within(conversation()).getAllByRole('listitem').map((line) => line.querySelector('.line__body')?.textContent)).toEqual(['Line 99', 'Line 100', 'Line 101']);
    expect(within(workspace()).queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
  });
});
