import { createHmac } from 'node:crypto';
import { isMetaSignatureValid, parseMetaWebhook } from './meta-payload.util';

const secret = 'meta-app-secret';
const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

describe('isMetaSignatureValid', () => {
  const body = '{"object":"page"}';
  it.each([
    ['the right signature', sign(body), true],
    ['another secret', sign(body, 'other'), false],
    ['another body', sign('{"object":"pages"}'), false],
    ['sha1 style', `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`, false],
    ['no header', undefined, false],
    ['garbage', 'sha256=zz', false],
  ])('%s', (_why, header, valid) => expect(isMetaSignatureValid(Buffer.from(body), header, secret)).toBe(valid));
});

describe('parseMetaWebhook', () => {
  it('reads Messenger messages and delivery receipts, skipping echoes of our own sends', () => {
    const parsed = parseMetaWebhook({
      object: 'page',
      entry: [{ id: 'PAGE', messaging: [
        { sender: { id: 'PSID1' }, recipient: { id: 'PAGE' }, timestamp: 1700000000000, message: { mid: 'm_1', text: 'hello' } },
        { sender: { id: 'PAGE' }, recipient: { id: 'PSID1' }, message: { mid: 'm_2', text: 'our reply', is_echo: true } },
        { sender: { id: 'PSID1' }, recipient: { id: 'PAGE' }, delivery: { mids: ['m_out'] } },
      ] }],
    });
    expect(parsed.messages).toEqual([{ platform: 'messenger', recipientId: 'PAGE', senderId: 'PSID1', senderName: null, messageId: 'm_1', text: 'hello', sentAt: new Date(1700000000000) }]);
    expect(parsed.statuses.map((s) => [s.messageId, s.status])).toEqual([['m_out', 'delivered']]);
  });

  it('reads WhatsApp messages with the sender’s profile name, non-text types and statuses', () => {
    const parsed = parseMetaWebhook({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ value: {
        metadata: { phone_number_id: 'PNID' },
        contacts: [{ wa_id: '447700900123', profile: { name: 'Ola' } }],
        messages: [
          { from: '447700900123', id: 'wamid.1', timestamp: '1700000000', type: 'text', text: { body: 'hi there' } },
          { from: '447700900123', id: 'wamid.2', timestamp: '1700000001', type: 'image', image: { id: 'x' } },
        ],
        statuses: [{ id: 'wamid.out', status: 'read' }, { id: 'wamid.bad', status: 'exploded' }],
      } }] }],
    });
    expect(parsed.messages.map((m) => [m.senderName, m.text, m.recipientId])).toEqual([['Ola', 'hi there', 'PNID'], ['Ola', '[image]', 'PNID']]);
    expect(parsed.statuses).toEqual([{ platform: 'whatsapp', recipientId: 'PNID', messageId: 'wamid.out', status: 'read' }]);
  });

  it.each([null, 'text', [], { object: 'page' }, { object: 'page', entry: 'x' }, { object: 'unknown', entry: [{}] }, { object: 'page', entry: [{ messaging: [{ message: { text: 'no ids' } }] }] }])(
    'ignores what it cannot read: %j',
    (body) => expect(parseMetaWebhook(body)).toEqual({ messages: [], statuses: [] }),
  );
});
