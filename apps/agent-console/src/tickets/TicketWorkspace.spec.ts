import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallView, TicketDetail } from '@switchboard/shared-contracts';
import {
  apiFailure,
  callViewFixture,
  endSession,
  installApiMock,
  playbookFixture,
  meResponseFixture,
  messageViewFixture,
  mockControlCall,
  mockGetMe,
  mockGetPlaybook,
  mockGetTicket,
  mockListCannedResponses,
  mockListDispositions,
  mockSendTicketMessage,
  seedSession,
  ticketDetailFixture,
  ticketMessageFixture,
  ticketSummaryFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import TicketWorkspace from './TicketWorkspace.vue';
import { useTicketWorkspaceStore } from './ticket-workspace.store';

const agent = userFixture({ id: 'agent-1', displayName: 'Maria Santos', role: 'agent' });

describe('TicketWorkspace per channel', () => {
  let api: ApiMock;

  beforeEach(() => {
    seedSession(agent);
    api = installApiMock(mockGetMe(meResponseFixture({ user: agent })), mockListCannedResponses('client-globex', []), mockListDispositions('client-globex', []), mockGetPlaybook('client-globex', playbookFixture({ clientId: 'client-globex' })));
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  async function openTicket(detail: TicketDetail): Promise<RenderResult> {
    api.use(mockGetTicket(detail.id, detail));
    const view = await renderComponent(TicketWorkspace);
    await useSessionStore().loadMe();
    await useTicketWorkspaceStore().open(detail.id);
    await view.settle();
    return view;
  }

  describe('a voice ticket', () => {
    const voice = (call: CallView) => ticketDetailFixture({ id: 't-9', channel: 'voice', assigneeId: 'agent-1', status: 'assigned', contactName: 'Caller 0142', messages: [], call });

    it('shows the call’s state and talk time, and puts the caller on hold, then hangs up', async () => {
      const answeredAt = new Date(Date.now() - 65_000).toISOString();
      const view = await openTicket(voice(callViewFixture({ status: 'in_progress', answeredAt })));
      const card = view.getByRole('region', { name: 'Call from •••• 0142' });
      expect(within(card).getByRole('status', { name: 'Call state: In progress' })).toBeTruthy();
      expect(within(card).getByText(/^1:0[5-7]$/)).toBeTruthy();
      expect(within(card).queryByRole('button', { name: 'Resume' })).toBeNull();

      api.use(mockControlCall('t-9', callViewFixture({ status: 'on_hold', answeredAt }), { once: true }));
      await view.click(within(card).getByRole('button', { name: 'Hold' }));
      expect(api.callsTo('POST', '/api/tickets/t-9/call').map((c) => c.body)).toEqual([{ action: 'hold' }]);
      expect(within(card).getByRole('status', { name: 'Call state: On hold' })).toBeTruthy();
      expect(within(card).getByRole('button', { name: 'Resume' })).toBeTruthy();
      expect(within(card).queryByRole('button', { name: 'Hold' })).toBeNull();

      const endedAt = new Date().toISOString();
      api.use(mockControlCall('t-9', callViewFixture({ status: 'completed', answeredAt, endedAt, durationSeconds: 65 }), { once: true }));
      await view.click(within(card).getByRole('button', { name: 'Hang up' }));
      expect(api.callsTo('POST', '/api/tickets/t-9/call').map((c) => c.body)).toEqual([{ action: 'hold' }, { action: 'hangup' }]);
      expect(within(card).getByRole('status', { name: 'Call state: Completed' })).toBeTruthy();
      expect(within(card).queryByRole('button', { name: 'Hang up' })).toBeNull();
    });

    it('says why the phone provider refused, and keeps the call as it was', async () => {
      const view = await openTicket(voice(callViewFixture({ status: 'in_progress', answeredAt: new Date().toISOString() })));
      api.use(mockControlCall('t-9', apiFailure(502, 'PROVIDER_FAILED', 'The phone provider did not carry out the request (timeout); nothing was changed. Try again.')));
      await view.click(view.getByRole('button', { name: 'Hold' }));
      expect(view.getByRole('alert').textContent).toContain('The phone provider did not carry out the request (timeout)');
      expect(view.getByRole('status', { name: 'Call state: In progress' })).toBeTruthy();
    });

    it('follows the call live: a ticket.updated re-reads it, and the recording and transcript appear', async () => {
      const answeredAt = new Date(Date.now() - 120_000).toISOString();
      const view = await openTicket(voice(callViewFixture({ status: 'in_progress', answeredAt })));
      expect(view.container.querySelector('audio')).toBeNull();

      const ended = callViewFixture({ status: 'completed', answeredAt, endedAt: new Date().toISOString(), recordingUrl: 'https://api.twilio.example/Recordings/RE1.mp3', recordingSeconds: 118, transcript: 'Caller: my claim number is 4471.' });
      api.use(mockGetTicket('t-9', voice(ended)));
      useTicketWorkspaceStore().applyTicket(ticketSummaryFixture({ id: 't-9', channel: 'voice', assigneeId: 'agent-1', status: 'assigned' }));
      await view.settle();

      expect(view.getByRole('status', { name: 'Call state: Completed' })).toBeTruthy();
      const audio = view.container.querySelector('audio') as HTMLAudioElement;
      expect(audio.getAttribute('src')).toBe('https://api.twilio.example/Recordings/RE1.mp3');
      expect(audio.hasAttribute('controls')).toBe(true);
      expect(view.getByText('Caller: my claim number is 4471.')).toBeTruthy();
    });
  });

  describe('an email ticket', () => {
    const emailTicket = ticketDetailFixture({
      id: 't-5',
      reference: 'SB-1042',
      channel: 'email',
      assigneeId: 'agent-1',
      status: 'assigned',
      subject: 'Invoice 8812',
      contactName: 'Sam Lee',
      contact: { id: 'contact-5', displayName: 'Sam Lee', email: 'sam@initech.example', phone: null, revealable: [] },
      messages: [
        ticketMessageFixture({
          id: 'm-5',
          ticketId: 't-5',
          subject: 'Invoice 8812',
          body: 'Please resend invoice 8812.\n\n-- \nSam Lee\nHead of Purchasing',
          email: { from: { name: 'Sam Lee', address: 'sam@initech.example' }, to: [{ name: null, address: 'orders@globex.demo' }], cc: [] },
        }),
      ],
    });

    it('shows the mail as a card with its subject and the signature folded', async () => {
      const view = await openTicket(emailTicket);
      const conversation = view.getByRole('list', { name: 'Conversation' });
      expect(within(conversation).getByRole('heading', { name: 'Invoice 8812' })).toBeTruthy();
      expect(within(conversation).getByText('Please resend invoice 8812.')).toBeTruthy();
      expect(conversation.textContent).not.toContain('Head of Purchasing');
      await view.click(within(conversation).getByRole('button', { name: 'Show quoted text' }));
      expect(conversation.textContent).toContain('Head of Purchasing');
    });

    it('replies with the subject and cc the agent gives, refusing a bad address before sending', async () => {
      const view = await openTicket(emailTicket);
      const subject = view.getByLabelText('Subject') as HTMLInputElement;
      expect(subject.value).toBe('Re: Invoice 8812');
      expect(view.getByText('Goes out as “Re: Invoice 8812 [SB-1042]”: the reference keeps the customer’s answer on this ticket.')).toBeTruthy();

      await view.type(view.getByLabelText('Reply'), 'Attached again.');
      await view.type(subject, 'Re: Invoice 8812 (corrected)');
      await view.type(view.getByLabelText('Cc'), 'accounts@initech.example, sam at initech');
      await view.click(view.getByRole('button', { name: 'Send reply' }));
      expect(view.getByText('Cc: “sam at initech” is not an email address.')).toBeTruthy();
      expect(api.callsTo('POST', '/api/tickets/t-5/messages')).toHaveLength(0);

      api.use(mockSendTicketMessage('t-5', messageViewFixture({ id: 'm-6', ticketId: 't-5', seq: 2, direction: 'outbound', body: 'Attached again.', deliveryStatus: 'queued' })));
      await view.type(view.getByLabelText('Cc'), 'accounts@initech.example; boss@initech.example');
      await view.click(view.getByRole('button', { name: 'Send reply' }));
      const [sent] = api.callsTo('POST', '/api/tickets/t-5/messages');
      expect(sent.body).toMatchObject({ kind: 'reply', body: 'Attached again.', subject: 'Re: Invoice 8812 (corrected)', cc: ['accounts@initech.example', 'boss@initech.example'] });
    });
  });

  describe('a social ticket', () => {
    const whatsapp = (windowEnd: string) =>
      ticketDetailFixture({ id: 't-7', channel: 'social', assigneeId: 'agent-1', status: 'assigned', contactName: 'Ola', social: { network: 'whatsapp', handle: '•••• 0777', replyWindowEndsAt: windowEnd } });

    it('names the network and the customer’s handle, and counts the reply against the network’s limit', async () => {
      const view = await openTicket(whatsapp(new Date(Date.now() + 20 * 3_600_000).toISOString()));
      expect(view.container.querySelector('.workspace__facts')?.textContent?.replace(/\s+/g, ' ')).toContain('Social · WhatsApp · •••• 0777');
      await view.type(view.getByLabelText('Reply'), 'Yes!');
      expect(view.getByText('4 / 4,096')).toBeTruthy();
    });

    it('says the 24-hour window is over and does not send', async () => {
      const view = await openTicket(whatsapp(new Date(Date.now() - 60_000).toISOString()));
      expect(view.getByText(/WhatsApp takes replies only within 24 hours of the customer’s latest message, and that time is over/)).toBeTruthy();
      await view.type(view.getByLabelText('Reply'), 'Are you there?');
      await view.click(view.getByRole('button', { name: 'Send reply' }));
      expect(view.getByText(/^WhatsApp accepts replies only within 24 hours/)).toBeTruthy();
      expect(api.callsTo('POST', '/api/tickets/t-7/messages')).toHaveLength(0);
    });
  });
});
