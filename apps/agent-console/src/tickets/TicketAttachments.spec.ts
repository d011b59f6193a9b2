import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketDetail } from '@switchboard/shared-contracts';
import {
  apiFailure,
  endSession,
  FileReply,
  installApiMock,
  meResponseFixture,
  messageViewFixture,
  mockDeleteAttachment,
  mockDownloadAttachment,
  mockGetMe,
  mockGetPlaybook,
  mockGetTicket,
  mockListCannedResponses,
  mockListDispositions,
  mockSendTicketMessage,
  mockUploadAttachment,
  playbookFixture,
  seedSession,
  ticketDetailFixture,
  ticketMessageFixture,
  uploadedAttachmentFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import TicketWorkspace from './TicketWorkspace.vue';
import { useTicketWorkspaceStore } from './ticket-workspace.store';

const agent = userFixture({ id: 'agent-1', displayName: 'Maria Santos', role: 'agent' });
const MB = 1024 * 1024;

/** A File whose size is what the test says, without holding that many bytes. */
function fileOf(name: string, size: number, type = 'application/pdf'): File {
  const file = new File(['%PDF'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

const emailTicket = ticketDetailFixture({
  id: 't-5',
  reference: 'SB-1042',
  channel: 'email',
  assigneeId: 'agent-1',
  status: 'assigned',
  subject: 'Return',
  contactName: 'Sam Lee',
  contact: { id: 'contact-5', displayName: 'Sam Lee', email: 'sam@initech.example', phone: null, revealable: [] },
  messages: [ticketMessageFixture({ id: 'm-5', ticketId: 't-5', subject: 'Return', body: 'I need a label.', email: { from: { name: 'Sam Lee', address: 'sam@initech.example' }, to: [], cc: [] } })],
});

describe('TicketWorkspace attachments', () => {
  let api: ApiMock;

  beforeEach(() => {
    seedSession(agent);
    api = installApiMock(mockGetMe(meResponseFixture({ user: agent })), mockListCannedResponses('client-globex', []), mockListDispositions('client-globex', []), mockGetPlaybook('client-globex', playbookFixture({ clientId: 'client-globex' })));
  });
  afterEach(() => {
    api.restore();
    endSession();
    vi.restoreAllMocks();
  });

  async function openTicket(detail: TicketDetail): Promise<RenderResult> {
    api.use(mockGetTicket(detail.id, detail));
    const view = await renderComponent(TicketWorkspace);
    await useSessionStore().loadMe();
    await useTicketWorkspaceStore().open(detail.id);
    await view.settle();
    return view;
  }

  async function choose(view: RenderResult, files: File[]): Promise<void> {
    const input = view.container.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
    await view.settle();
  }

  const uploads = () => api.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/attachments'));

  it('has a labelled Attach button that opens the file chooser, and says the limits', async () => {
    const view = await openTicket(emailTicket);
    const button = view.getByRole('button', { name: 'Attach files' });
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby') as string)?.textContent).toBe('Up to 5 files of at most 10 MB each.');
    const input = view.container.querySelector('input[type="file"]') as HTMLInputElement;
    const opened = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    await view.click(button);
    expect(opened).toHaveBeenCalledOnce();
  });

  it('refuses a file over 10 MB before any upload, saying why, and uploads the others', async () => {
    const view = await openTicket(emailTicket);
    api.use(mockUploadAttachment('t-5', uploadedAttachmentFixture({ id: 'a-1', filename: 'label.pdf', size: 2048 })));
    await choose(view, [fileOf('holiday video.mov', 11 * MB, 'video/quicktime'), fileOf('label.pdf', 2048)]);

    expect(view.getByRole('alert').textContent).toContain('“holiday video.mov” is 11 MB; files may be at most 10 MB.');
    expect(uploads()).toHaveLength(1);
    expect(uploads()[0].headers['x-filename']).toBe('label.pdf');
    expect(uploads()[0].headers['content-type']).toBe('application/pdf');
    expect(uploads()[0].authorization).toMatch(/^Bearer /);
    const chips = view.getByRole('list', { name: 'Files to send' });
    expect(within(chips).getAllByRole('listitem')).toHaveLength(1);
    expect(chips.textContent).toContain('label.pdf');
    expect(chips.textContent).toContain('2 KB');
  });

  it('refuses a sixth file before uploading it', async () => {
    const view = await openTicket(emailTicket);
    let n = 0;
    api.use(mockUploadAttachment('t-5', () => uploadedAttachmentFixture({ id: `a-${(n += 1)}` })));
    await choose(view, [1, 2, 3, 4, 5, 6].map((i) => fileOf(`file ${i}.pdf`, 100)));
    expect(uploads()).toHaveLength(5);
    expect(view.getByRole('alert').textContent).toContain('“file 6.pdf” was not attached: a message carries at most 5 files.');
    expect(uploads().map((call) => decodeURIComponent(call.headers['x-filename']))).toEqual(['file 1.pdf', 'file 2.pdf', 'file 3.pdf', 'file 4.pdf', 'file 5.pdf']);
  });

  it('shows a file as uploading, keeps the reply from going out meanwhile, then sends its id with the reply', async () => {
    const view = await openTicket(emailTicket);
    let finish: (value: unknown) => void = () => undefined;
    const held = new Promise((resolve) => (finish = resolve));
    api.use(mockUploadAttachment('t-5', uploadedAttachmentFixture({ id: 'a-7', filename: 'label.pdf', size: 2048 })));
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/attachments')) await held;
      return realFetch(input, init);
    }) as typeof fetch;
    const choosing = choose(view, [fileOf('label.pdf', 2048)]);
    await view.settle();
    expect(view.getByRole('status').textContent).toBe('Uploading…');
    expect((view.getByRole('button', { name: 'Send reply' }) as HTMLButtonElement).disabled).toBe(true);
    finish(null);
    await choosing;
    await view.settle();
    globalThis.fetch = realFetch;
    expect(view.queryByText('Uploading…')).toBeNull();

    api.use(mockSendTicketMessage('t-5', messageViewFixture({ id: 'm-6', ticketId: 't-5', seq: 2, direction: 'outbound', body: 'Label attached.', deliveryStatus: 'queued' })));
    await view.type(view.getByLabelText('Reply'), 'Label attached.');
    await view.click(view.getByRole('button', { name: 'Send reply' }));
    const [sent] = api.callsTo('POST', '/api/tickets/t-5/messages');
    expect(sent.body).toMatchObject({ kind: 'reply', body: 'Label attached.', attachmentIds: ['a-7'] });
    // Sent: the chips are gone and the reply shows its file.
    expect(view.queryByRole('list', { name: 'Files to send' })).toBeNull();
    expect(view.getByRole('button', { name: 'Download label.pdf (2 KB)' })).toBeTruthy();
  });

  it('removes a chip, and the upload with it, before sending; a reply without files names none', async () => {
    const view = await openTicket(emailTicket);
    api.use(mockUploadAttachment('t-5', uploadedAttachmentFixture({ id: 'a-9', filename: 'wrong.pdf' })), mockDeleteAttachment('a-9'));
    await choose(view, [fileOf('wrong.pdf', 300)]);
    await view.click(view.getByRole('button', { name: 'Remove wrong.pdf' }));
    expect(api.callsTo('DELETE', '/api/attachments/a-9')).toHaveLength(1);
    expect(view.queryByRole('list', { name: 'Files to send' })).toBeNull();

    api.use(mockSendTicketMessage('t-5', messageViewFixture({ id: 'm-6', ticketId: 't-5', seq: 2, direction: 'outbound', body: 'No file after all.' })));
    await view.type(view.getByLabelText('Reply'), 'No file after all.');
    await view.click(view.getByRole('button', { name: 'Send reply' }));
    expect(api.callsTo('POST', '/api/tickets/t-5/messages')[0].body).not.toHaveProperty('attachmentIds');
  });

  it('says why an upload failed (the API’s 413) and keeps such a file out of the reply', async () => {
    const view = await openTicket(emailTicket);
    api.use(mockUploadAttachment('t-5', apiFailure(413, 'PAYLOAD_TOO_LARGE', 'Attachments may be at most 2 MB (2,097,152 bytes). Nothing was stored.')));
    await choose(view, [fileOf('scan.pdf', 3 * MB)]);
    expect(view.getByRole('list', { name: 'Files to send' }).textContent).toContain('Not uploaded: Attachments may be at most 2 MB');
    await view.type(view.getByLabelText('Reply'), 'See the scan.');
    await view.click(view.getByRole('button', { name: 'Send reply' }));
    expect(view.getByText('Remove the files that did not upload before sending.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/tickets/t-5/messages')).toHaveLength(0);
  });

  it('offers no Attach button on a chat reply, but does on an internal note', async () => {
    const view = await openTicket(ticketDetailFixture({ id: 't-1', channel: 'chat', assigneeId: 'agent-1', status: 'assigned' }));
    expect(view.queryByRole('button', { name: 'Attach files' })).toBeNull();
    useTicketWorkspaceStore().kind = 'note';
    await view.settle();
    expect(view.getByRole('button', { name: 'Attach files' })).toBeTruthy();
  });

  it('downloads a message’s file with the access token in the header, not the URL, and saves it under its name', async () => {
    const withFiles = ticketDetailFixture({
      id: 't-1',
      messages: [
        ticketMessageFixture({
          id: 'm-1',
          body: 'Here is the photo.',
          attachments: [
            { id: '2b0c6f1e-3f1a-4a4e-9a43-0d3b1b2b9f10', filename: 'damage.jpg', contentType: 'image/jpeg', size: 52_000, stored: true },
            { id: null, filename: 'huge.mov', contentType: 'video/quicktime', size: 40 * MB, stored: false },
          ],
        }),
      ],
    });
    const view = await openTicket(withFiles);
    expect(view.getByText('📎 huge.mov (40 MB, too large: not kept)')).toBeTruthy();
    expect(view.queryByRole('button', { name: /huge\.mov/ })).toBeNull();

    api.use(mockDownloadAttachment('2b0c6f1e-3f1a-4a4e-9a43-0d3b1b2b9f10', new FileReply('JPEGDATA', 'image/jpeg')));
    const made: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (made.push(blob as Blob), 'blob:http://localhost/1'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });

    await view.click(view.getByRole('button', { name: 'Download damage.jpg (51 KB)' }));
    const [call] = api.callsTo('GET', '/api/attachments/2b0c6f1e-3f1a-4a4e-9a43-0d3b1b2b9f10');
    expect(call.authorization).toMatch(/^Bearer .+/);
    expect(call.path).not.toMatch(/token/i);
    expect(await made[0].text()).toBe('JPEGDATA');
    expect(saved).toEqual([{ href: 'blob:http://localhost/1', download: 'damage.jpg' }]);
  });

  it('says so when a download is refused', async () => {
    const view = await openTicket(ticketDetailFixture({ id: 't-1', messages: [ticketMessageFixture({ attachments: [{ id: 'a-gone', filename: 'gone.pdf', contentType: 'application/pdf', size: 10, stored: true }] })] }));
    api.use(mockDownloadAttachment('a-gone', apiFailure(404, 'NOT_FOUND', 'Attachment was not found.')));
    await view.click(view.getByRole('button', { name: 'Download gone.pdf (10 bytes)' }));
    expect(view.getByRole('alert').textContent).toBe('“gone.pdf” could not be downloaded: Attachment was not found.');
  });
});
