import type { ErrorResponse } from '@switchboard/shared-contracts';
import { createHmac } from 'node:crypto';
import { http, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const APP_SECRET = 'test-meta-app-secret-0123';

describe('Meta webhooks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ META_APP_SECRET: APP_SECRET, META_VERIFY_TOKEN: 'verify-me-please' });
  });
  afterAll(() => t.close());

  const post = (body: string, signature: string | null) =>
    http<Record<string, number> & ErrorResponse>(t.url, 'POST', '/api/webhooks/meta', { rawBody: body, headers: signature ? { 'x-hub-signature-256': signature } : {} });
  const sign = (body: string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const countMessages = async () => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM messages'))[0].n;

  const messenger = (mid: string, text: string) =>
    JSON.stringify({ object: 'page', entry: [{ id: '1029384756', time: 1, messaging: [{ sender: { id: '66001234' }, recipient: { id: '1029384756' }, timestamp: Date.now(), message: { mid, text } }] }] });

  it('answers the subscription handshake only with the verify token', async () => {
    const ok = await http<string>(t.url, 'GET', '/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=12345');
    expect([ok.status, ok.body]).toEqual([200, 12345]);
    const wrong = await http(t.url, 'GET', '/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=12345');
    expect(wrong.status).toBe(403);
  });

  it('stores a signed Messenger message once, masked, for the page’s client', async () => {
    const body = messenger('m_abc_1', 'Refund to card 5555 5555 5555 4444 please');
    const first = await post(body, sign(body));
    expect([first.status, first.body.stored]).toEqual([200, 1]);
    const again = await post(body, sign(body)); // Meta redelivers
    expect([again.status, again.body.duplicates]).toEqual([200, 1]);

    const rows = await ownerQuery<{ body: string; slug: string; channel: string; name: string }>(
      `SELECT m.body, c.slug, t.channel, ct.display_name AS name FROM messages m JOIN tickets t ON t.id = m.ticket_id JOIN clients c ON c.id = m.client_id JOIN contacts ct ON ct.id = t.contact_id WHERE m.external_id = 'm_abc_1'`,
    );
    expect(rows).toEqual([{ body: 'Refund to card **** **** **** 4444 please', slug: 'globex', channel: 'social', name: 'Messenger user …1234' }]);

    const follow = messenger('m_abc_2', 'Any update?');
    await post(follow, sign(follow));
    const thread = await ownerQuery<{ seq: number }>(`SELECT m.seq FROM messages m WHERE m.ticket_id = (SELECT ticket_id FROM messages WHERE external_id = 'm_abc_1') ORDER BY seq`);
    expect(thread.map((r) => r.seq)).toEqual([1, 2]);
  });

  it('refuses unsigned, wrongly signed and tampered posts with 401, storing nothing', async () => {
    const before = await countMessages();
    const body = messenger('m_forged', 'sneaky');
    for (const signature of [null, 'sha256=00', sign(body, 'someone-elses-secret'), sign(messenger('m_forged', 'original'))]) {
      const r = await post(body, signature);
      expect([r.status, r.body.error?.code]).toEqual([401, 'WEBHOOK_SIGNATURE_INVALID']);
    }
    expect(await countMessages()).toBe(before);
  });

  it('stores WhatsApp messages with the sender’s name and number; ignores pages no inbox owns', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ value: { metadata: { phone_number_id: '109876543210' }, contacts: [{ wa_id: '447700900123', profile: { name: 'Ola Nordmann' } }], messages: [{ from: '447700900123', id: 'wamid.XYZ', timestamp: '1700000000', type: 'text', text: { body: 'Is my order shipped?' } }] } }] }],
    });
    expect((await post(body, sign(body))).body.stored).toBe(1);
    const [contact] = await ownerQuery<{ display_name: string; phone: string }>(`SELECT ct.display_name, ct.phone FROM messages m JOIN tickets t ON t.id = m.ticket_id JOIN contacts ct ON ct.id = t.contact_id WHERE m.external_id = 'wamid.XYZ'`);
    expect(contact).toEqual({ display_name: 'Ola Nordmann', phone: '+447700900123' });

    const stray = JSON.stringify({ object: 'page', entry: [{ id: '999', messaging: [{ sender: { id: '1' }, recipient: { id: '999' }, message: { mid: 'm_stray', text: 'hello?' } }] }] });
    const r = await post(stray, sign(stray));
    expect([r.status, r.body.unrouted, r.body.stored]).toEqual([200, 1, 0]);
  });
});
