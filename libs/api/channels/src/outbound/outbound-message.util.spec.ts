import { composeEmailReply, graphMessageId, graphSendRequest, parseSocialIdentity } from './outbound-message.util';

describe('composeEmailReply', () => {
  const facts = {
    messageId: 'sb-1@switchboard.test',
    clientName: 'Globex Retail',
    fromAddress: 'orders@globex.demo',
    toAddress: 'ola@example.com',
    toName: 'Ola',
    reference: 'SB-1042',
    ticketSubject: 'Where is my parcel?',
    threadIds: ['first@mail.example', 'second@mail.example'],
    body: 'It ships <today>.',
    agentName: 'Maria Santos',
  };

  it('threads the reply under the customer’s mail and names the ticket in the subject', () => {
    const mail = composeEmailReply(facts);
    expect(mail.subject).toBe('Re: Where is my parcel? [SB-1042]');
    expect(mail.messageId).toBe('<sb-1@switchboard.test>');
    expect(mail.inReplyTo).toBe('<second@mail.example>');
    expect(mail.references).toEqual(['<first@mail.example>', '<second@mail.example>']);
    expect(mail.from).toEqual({ name: 'Globex Retail', address: 'orders@globex.demo' });
    expect(mail.text).toContain('It ships <today>.');
    expect(mail.html).toContain('It ships &lt;today&gt;.');
    expect(mail.html).not.toContain('<today>');
  });

  it('carries the agent’s files as attachments, in order, and none when there are none', () => {
    const files = [
      { filename: 'label.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') },
      { filename: 'photo.png', contentType: 'image/png', content: Buffer.from([0x89, 0x50]) },
    ];
    expect(composeEmailReply({ ...facts, attachments: files }).attachments).toEqual(files.map((f) => ({ ...f, contentDisposition: 'attachment' })));
    expect(composeEmailReply(facts)).not.toHaveProperty('attachments');
    expect(composeEmailReply({ ...facts, attachments: [] })).not.toHaveProperty('attachments');
  });

  it.each([
    ['Re: Where is my parcel? [SB-1042]', 'Re: Where is my parcel? [SB-1042]'],
    ['RE: refund', 'RE: refund [SB-1042]'],
    [null, 'Re: Your request [SB-1042]'],
  ])('subject %s → %s', (subject, expected) => expect(composeEmailReply({ ...facts, ticketSubject: subject }).subject).toBe(expected));

  it('goes out with the subject and cc the agent chose, still naming the ticket and threaded', () => {
    const mail = composeEmailReply({ ...facts, subject: 'Re: Your parcel, new date', cc: [{ name: null, address: 'boss@example.com' }, { name: 'Kari', address: 'kari@example.com' }] });
    expect(mail.subject).toBe('Re: Your parcel, new date [SB-1042]');
    expect(mail.cc).toEqual([{ name: '', address: 'boss@example.com' }, { name: 'Kari', address: 'kari@example.com' }]);
    expect(mail.inReplyTo).toBe('<second@mail.example>');
    expect(composeEmailReply({ ...facts, subject: 'Claim [sb-1042]\r\nBcc: x@evil.example' }).subject).toBe('Claim [sb-1042] Bcc: x@evil.example');
    expect(composeEmailReply(facts).cc).toBeUndefined();
  });

  it('starts a thread when there is nothing to answer (an offline chat message)', () => {
    const mail = composeEmailReply({ ...facts, threadIds: [] });
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
  });

  it('keeps the root and the latest ids of a long thread', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}@x`);
    const refs = composeEmailReply({ ...facts, threadIds: ids }).references ?? [];
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<m0@x>');
    expect(refs[19]).toBe('<m29@x>');
  });
});

describe('graph send requests', () => {
  it('answers on Messenger from the page', () => {
    expect(graphSendRequest('messenger', '1029384756', 'PSID1', 'Hi')).toEqual({ path: '/1029384756/messages', body: { recipient: { id: 'PSID1' }, messaging_type: 'RESPONSE', message: { text: 'Hi' } } });
  });

  it('answers on WhatsApp from the business number', () => {
    expect(graphSendRequest('whatsapp', '109876543210', '447700900123', 'Hi')).toEqual({
      path: '/109876543210/messages',
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '447700900123', type: 'text', text: { preview_url: false, body: 'Hi' } },
    });
  });

  it.each([
    [{ recipient_id: 'x', message_id: 'm_1' }, 'm_1'],
    [{ messaging_product: 'whatsapp', messages: [{ id: 'wamid.1' }] }, 'wamid.1'],
    [{ error: { message: 'bad' } }, null],
    ['nope', null],
  ])('reads the sent message id from %j', (response, id) => expect(graphMessageId(response)).toBe(id));

  it.each([
    ['whatsapp:447700900123', { platform: 'whatsapp', userId: '447700900123' }],
    ['messenger:PSID1', { platform: 'messenger', userId: 'PSID1' }],
    ['telegram:1', null],
    ['whatsapp:', null],
  ])('parses the identity %s', (identity, expected) => expect(parseSocialIdentity(identity)).toEqual(expected));
});
