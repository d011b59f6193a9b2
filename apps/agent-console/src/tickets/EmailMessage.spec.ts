import { describe, expect, it } from 'vitest';
import { ticketMessageFixture } from '@switchboard/web-data-access';
import { renderComponent } from '@switchboard/web-ui';
import EmailMessage from './EmailMessage.vue';

const gmailReply = [
  'Thanks, the new date works for me.',
  '',
  'On Mon, 3 Feb 2025 at 10:12, Globex Retail <orders@globex.demo> wrote:',
  '> Hello Pat,',
  '> your parcel leaves on Friday.',
].join('\n');

const email = ticketMessageFixture({
  id: 'm-1',
  direction: 'inbound',
  subject: 'Re: Parcel 5521 [SB-1042]',
  body: gmailReply,
  createdAt: '2025-02-03T10:30:00.000Z',
  email: {
    from: { name: 'Pat Doe', address: 'p***@e***.com' },
    to: [{ name: null, address: 'orders@globex.demo' }],
    cc: [{ name: 'Kari', address: 'k***@e***.com' }],
  },
});

describe('EmailMessage', () => {
  it('shows the subject, the addresses and the date, with the quoted history folded until asked for', async () => {
    const view = await renderComponent(EmailMessage, { props: { message: email, contactName: 'Pat Doe', contactEmail: 'p***@e***.com' } });

    expect(view.getByRole('heading', { name: 'Re: Parcel 5521 [SB-1042]' })).toBeTruthy();
    expect(view.getByText('Pat Doe <p***@e***.com>')).toBeTruthy();
    expect(view.getByText('orders@globex.demo')).toBeTruthy();
    expect(view.getByText('Kari <k***@e***.com>')).toBeTruthy();
    expect(view.container.querySelector('time')?.getAttribute('datetime')).toBe('2025-02-03T10:30:00.000Z');
    expect(view.getByText('Thanks, the new date works for me.')).toBeTruthy();
    expect(view.container.textContent).not.toContain('your parcel leaves on Friday');

    const toggle = view.getByRole('button', { name: 'Show quoted text' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await view.click(toggle);
    expect(view.container.textContent).toContain('> your parcel leaves on Friday.');
    expect(view.container.textContent).toContain('On Mon, 3 Feb 2025 at 10:12, Globex Retail <orders@globex.demo> wrote:');

    await view.click(view.getByRole('button', { name: 'Hide quoted text' }));
    expect(view.container.textContent).not.toContain('your parcel leaves on Friday');
  });

  it('offers no toggle for a mail that quotes nothing, and no formatted view without HTML', async () => {
    const view = await renderComponent(EmailMessage, { props: { message: { ...email, body: 'Where is my parcel?' }, contactName: 'Pat Doe', contactEmail: null } });
    expect(view.queryByRole('button', { name: 'Show quoted text' })).toBeNull();
    expect(view.queryByRole('button', { name: 'Show formatted' })).toBeNull();
  });

  it('shows an HTML mail as plain text first, and its HTML only in a sandboxed frame where no script runs and nothing loads', async () => {
    const html = '<p>Your <b>new</b> date is <a href="https://track.example/5521" target="_blank" rel="noopener noreferrer nofollow">Friday</a>.</p><blockquote>Old thread</blockquote>';
    const view = await renderComponent(EmailMessage, { props: { message: { ...email, body: 'Your new date is Friday.', bodyHtml: html }, contactName: 'Pat Doe', contactEmail: null } });

    expect(view.container.querySelector('iframe')).toBeNull();
    expect(view.container.querySelector('b')).toBeNull(); // the console itself never renders the mail's HTML
    await view.click(view.getByRole('button', { name: 'Show formatted' }));

    const frame = view.container.querySelector('iframe') as HTMLIFrameElement;
    expect(frame.title).toBe('Formatted email: Re: Parcel 5521 [SB-1042]');
    const sandbox = (frame.getAttribute('sandbox') ?? '').split(/\s+/);
    expect(frame.hasAttribute('sandbox')).toBe(true);
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    const doc = frame.getAttribute('srcdoc') ?? '';
    expect(doc).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`);
    expect(doc).toContain('<b>new</b>');
    expect(doc).not.toMatch(/<script/i);
    expect(view.container.querySelector('b')).toBeNull();
    // The quoted part of the HTML is folded too, until asked for.
    expect(doc).toContain('blockquote{display:none}');
    await view.click(view.getByRole('button', { name: 'Show quoted text' }));
    expect((view.container.querySelector('iframe') as HTMLIFrameElement).getAttribute('srcdoc')).not.toContain('blockquote{display:none}');

    await view.click(view.getByRole('button', { name: 'Show plain text' }));
    expect(view.container.querySelector('iframe')).toBeNull();
    expect(view.getByText('Your new date is Friday.')).toBeTruthy();
  });
});
