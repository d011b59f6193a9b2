import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clientRefFixture,
  endSession,
  installApiMock,
  meResponseFixture,
  mockGetMe,
  mockListMyWhispers,
  mockMarkWhisperRead,
  seedSession,
  useSessionStore,
  whisperFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import WhisperNotes from './WhisperNotes.vue';
import { useWhispersStore } from './whispers.store';

const globex = clientRefFixture({ id: 'client-globex', slug: 'globex', name: 'Globex Retail', brandColor: '#e11d48' });

describe('WhisperNotes', () => {
  let api: ApiMock;

  beforeEach(() => {
    seedSession();
    api = installApiMock(
      mockGetMe(meResponseFixture({ clients: [globex] })),
      mockListMyWhispers([
        whisperFixture({ id: 'w-old', body: 'Already read this one', readAt: '2025-01-01T09:00:00.000Z' }),
        whisperFixture({ id: 'w-1', body: 'Offer the replacement, not a refund.', ticketId: 't-1', ticketReference: 'SB-1001', clientId: 'client-globex' }),
      ]),
      mockMarkWhisperRead('w-1'),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  async function renderNotes() {
    const empty = { render: () => null };
    const view = await renderComponent(WhisperNotes, { routes: [{ path: '/', component: empty }, { path: '/tickets/:ticketId', name: 'ticket', component: empty }] });
    await Promise.all([useSessionStore().loadMe(), useWhispersStore().load()]);
    await view.settle();
    return view;
  }

  it('shows unread whispers with their lead, client and ticket until the agent marks them read', async () => {
    const view = await renderNotes();
    const notes = within(view.getByRole('region', { name: 'Notes for you' }));
    expect(notes.getAllByRole('listitem')).toHaveLength(1);
    expect(notes.getByText('Lea Mercado')).toBeTruthy();
    expect(notes.getByText('Globex Retail')).toBeTruthy();
    expect(notes.getByRole('link', { name: 'SB-1001' }).getAttribute('href')).toBe('/tickets/t-1');
    expect(notes.getByText('Offer the replacement, not a refund.')).toBeTruthy();
    expect(view.queryByText('Already read this one')).toBeNull();

    await view.click(notes.getByRole('button', { name: 'Got it, the whisper from Lea Mercado' }));
    expect(api.callsTo('POST', '/api/presence/whispers/w-1/read')).toHaveLength(1);
    expect(view.queryByRole('region', { name: 'Notes for you' })).toBeNull();
  });

  it('adds a live whisper once, even when a reload brings it again', async () => {
    const view = await renderNotes();
    const live = whisperFixture({ id: 'w-2', body: 'Take a break after this chat.' });
    useWhispersStore().applyReceived(live);
    useWhispersStore().applyReceived(live);
    await view.settle();
    expect(view.getAllByText('Take a break after this chat.')).toHaveLength(1);
    expect(within(view.getByRole('region', { name: 'Notes for you' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it('says when a colleague mentioned me in a ticket’s note, and links the ticket', async () => {
    const view = await renderNotes();
    useWhispersStore().applyReceived(whisperFixture({ id: 'w-3', kind: 'mention', messageId: 'm-9', fromName: 'Ana Cruz', body: '@Maria Santos can you check the courier?', ticketId: 't-2', ticketReference: 'SB-1002', clientId: 'client-globex' }));
    await view.settle();
    const note = within(view.getByRole('region', { name: 'Notes for you' })).getAllByRole('listitem')[1];
    expect(note.textContent).toContain('Mentioned by Ana Cruz');
    expect(within(note).getByText('in a note on')).toBeTruthy();
    expect(within(note).getByRole('link', { name: 'SB-1002' }).getAttribute('href')).toBe('/tickets/t-2');
    expect(within(note).getByRole('button', { name: 'Got it, the mention by Ana Cruz' })).toBeTruthy();
  });
});
