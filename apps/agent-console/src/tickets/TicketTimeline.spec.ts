import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketDetail, TicketMessage } from '@switchboard/shared-contracts';
import {
  endSession,
  installApiMock,
  meResponseFixture,
  mockGetEarlierMessages,
  mockGetMe,
  mockGetTicket,
  mockListCannedResponses,
  mockListDispositions,
  seedSession,
  ticketDetailFixture,
  ticketMessageFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import TicketTimeline from './TicketTimeline.vue';
import TicketWorkspace from './TicketWorkspace.vue';
import { useTicketWorkspaceStore } from './ticket-workspace.store';

const agent = userFixture({ id: 'agent-1', displayName: 'Maria Santos', role: 'agent' });
const at = (seq: number) => new Date(Date.UTC(2026, 0, 5, 9, 0) + seq * 60_000).toISOString();
const line = (seq: number, overrides: Partial<TicketMessage> = {}) =>
  ticketMessageFixture({ id: `m${seq}`, ticketId: 't-long', seq, direction: seq % 2 ? 'inbound' : 'outbound', authorName: seq % 2 ? null : 'Maria Santos', body: `Line ${seq}`, createdAt: at(seq), ...overrides });
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => line(from + i));
const clock = (seq: number) => new Date(at(seq)).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

describe('TicketTimeline', () => {
  let api: ApiMock;

  beforeEach(() => {
    seedSession(agent);
    api = installApiMock(mockGetMe(meResponseFixture({ user: agent })), mockListCannedResponses('client-globex', []), mockListDispositions('client-globex', []));
  });
  afterEach(() => {
    api.restore();
    endSession();
    vi.restoreAllMocks();
  });

  async function open(component: typeof TicketTimeline | typeof TicketWorkspace, detail: TicketDetail): Promise<RenderResult> {
    api.use(mockGetTicket(detail.id, detail));
    const view = await renderComponent(component);
    await useSessionStore().loadMe();
    await useTicketWorkspaceStore().open(detail.id);
    await view.settle();
    return view;
  }

  const longTicket = () => ticketDetailFixture({ id: 't-long', contactName: 'Priya Long', hasEarlierMessages: true, messages: lines(201, 300) });

  it('shows the latest page, each line saying who wrote it and when', async () => {
    const view = await open(TicketTimeline, longTicket());
    const items = within(view.getByRole('list', { name: 'Conversation' })).getAllByRole('listitem');
    expect(items).toHaveLength(100);
    expect(items[0].getAttribute('aria-label')).toBe(`Customer from Priya Long at ${clock(201)}`);
    expect(items[99].getAttribute('aria-label')).toBe(`Reply from Maria Santos at ${clock(300)}`);
    expect(items[99].textContent).toContain('Line 300');
    expect(view.getByRole('button', { name: 'Show earlier messages' })).toBeTruthy();
  });

  it('loads the page before when the agent scrolls to the top', async () => {
    const view = await open(TicketTimeline, longTicket());
    api.use(mockGetEarlierMessages('t-long', 201, { messages: lines(101, 200), hasMore: true }));
    const conversation = view.getByRole('list', { name: 'Conversation' });
    conversation.scrollTop = 0;
    conversation.dispatchEvent(new Event('scroll'));
    await view.settle();

    expect(api.callsTo('GET', '/api/tickets/t-long/messages?before=201')).toHaveLength(1);
    const items = within(conversation).getAllByRole('listitem');
    expect(items).toHaveLength(200);
    expect(items[0].textContent).toContain('Line 101');
    expect(items[199].textContent).toContain('Line 300');
  });

  it('does not render the conversation again while the agent types a reply', async () => {
    const view = await open(TicketWorkspace, longTicket());
    // Every rendered line formats its time: no format call, no line rendered. (`format` is a getter at run time.)
    const format = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: unknown }, 'format', 'get');
    const toLocaleTimeString = vi.spyOn(Date.prototype, 'toLocaleTimeString');
    await view.type(view.getByLabelText('Reply'), 'One moment please');
    await view.type(view.getByLabelText('Reply'), 'One moment please, I am checking');
    expect(format).not.toHaveBeenCalled();
    expect(toLocaleTimeString).not.toHaveBeenCalled();
    expect(within(view.getByRole('list', { name: 'Conversation' })).getAllByRole('listitem')).toHaveLength(100);
  });

  it('keeps at most 300 lines in the DOM however far back the agent scrolls, and slides forward again', async () => {
    // 600 lines on the server: the latest 100 load with the ticket, five pages before them on scrolling up.
    const view = await open(TicketTimeline, ticketDetailFixture({ id: 't-long', contactName: 'Priya Long', hasEarlierMessages: true, messages: lines(501, 600) }));
    for (let first = 401; first >= 1; first -= 100) api.use(mockGetEarlierMessages('t-long', first + 100, { messages: lines(first, first + 99), hasMore: first > 1 }));
    const conversation = view.getByRole('list', { name: 'Conversation' });
    const items = () => within(conversation).getAllByRole('listitem');
    const scrollTo = async (top: number, height = 0) => {
      Object.defineProperty(conversation, 'scrollHeight', { configurable: true, value: height });
      conversation.scrollTop = top;
      conversation.dispatchEvent(new Event('scroll'));
      await view.settle();
    };

    for (let i = 0; i < 5; i++) await scrollTo(0);
    expect(api.calls.filter((call) => call.path.startsWith('/api/tickets/t-long/messages')).map((call) => call.path)).toEqual(
      [501, 401, 301, 201, 101].map((before) => `/api/tickets/t-long/messages?before=${before}`),
    );
    expect(items()).toHaveLength(300);
    expect(items()[0].textContent).toContain('Line 1');
    expect(items()[299].textContent).toContain('Line 300');
    expect(view.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();

    // Back down: the window slides a page at a time, from lines already held (no request).
    const asked = api.calls.length;
    await scrollTo(1000, 1000);
    expect(items()).toHaveLength(300);
    expect(items()[0].textContent).toContain('Line 101');
    expect(items()[299].textContent).toContain('Line 400');
    expect(api.calls.length).toBe(asked);

    await view.click(view.getByRole('button', { name: 'Show the latest messages' }));
    expect(items()).toHaveLength(100);
    expect(items()[99].textContent).toContain('Line 600');
    expect(view.queryByRole('button', { name: 'Show the latest messages' })).toBeNull();
    // And up again from the latest: held lines, no request.
    await view.click(view.getByRole('button', { name: 'Show earlier messages' }));
    expect(items()).toHaveLength(200);
    expect(items()[0].textContent).toContain('Line 401');
    expect(api.calls.length).toBe(asked);
  }, 20_000);

  it('follows a new line while showing the latest, but not while the agent reads far back', async () => {
    const view = await open(TicketTimeline, ticketDetailFixture({ id: 't-long', contactName: 'Priya Long', hasEarlierMessages: true, messages: lines(201, 300) }));
    const workspace = useTicketWorkspaceStore();
    const conversation = view.getByRole('list', { name: 'Conversation' });
    const items = () => within(conversation).getAllByRole('listitem');
    workspace.ticket = { ...workspace.ticket!, messages: [...workspace.messages, line(301)] };
    await view.settle();
    expect(items()).toHaveLength(101);
    expect(items()[100].textContent).toContain('Line 301');

    api.use(mockGetEarlierMessages('t-long', 201, { messages: lines(101, 200), hasMore: true }), mockGetEarlierMessages('t-long', 101, { messages: lines(1, 100), hasMore: false }));
    for (let i = 0; i < 3; i++) {
      conversation.scrollTop = 0;
      conversation.dispatchEvent(new Event('scroll'));
      await view.settle();
    }
    // 301 lines held, the window the first 300: the newest is not rendered until the agent comes back down.
    expect(items()).toHaveLength(300);
    workspace.ticket = { ...workspace.ticket!, messages: [...workspace.messages, line(302)] };
    await view.settle();
    expect(items()[299].textContent).toContain('Line 300');
    expect(view.getByRole('button', { name: 'Show the latest messages' })).toBeTruthy();
  });
});
