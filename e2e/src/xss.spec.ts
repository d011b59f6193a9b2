import { expect, test, type APIRequestContext, type Page as BrowserPage } from '@playwright/test';
import type { LoginResponse, Page, TicketSummary } from '@switchboard/shared-contracts';
import { DEMO_PASSWORD, closeSignedIn, ownerSql, signIn } from './support';

test.afterEach(closeSignedIn);

/**
 * Script-injection payloads that would run if any screen rendered text as HTML (or as a Vue
 * template). Each would set `window.__xss` or open a dialog; the CSP would also report a blocked
 * inline script, which is itself proof that text became markup. So each page is checked for all three.
 */
const PAYLOADS = [
  `<img src=x onerror="window.__xss=1;alert(1)">`,
  `"><script>window.__xss=2;alert(2)</script>`,
  `<svg onload="window.__xss=3">`,
  `<a href="javascript:window.__xss=4">click</a>`,
  `{{ (window.__xss = 5) }}`,
  `<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>`,
];

function watch(page: BrowserPage) {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|frame)/i.test(message.text())) problems.push(`csp: ${message.text().slice(0, 200)}`);
  });
  page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
  return {
    async check(where: string) {
      const flag = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
      expect({ where, flag: flag ?? null, problems }).toEqual({ where, flag: null, problems: [] });
    },
  };
}

async function apiLogin(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as LoginResponse).accessToken;
}

test('XSS payloads typed by a customer, written by an agent and set as names and desk content run nowhere: console, portal, widget', async ({ browser, request }) => {
  const tag = `xss-${Date.now().toString(36)}`;
  const text = `${tag} ${PAYLOADS.join(' ')}`;
  const [globex] = await ownerSql<{ id: string; name: string }>(`SELECT id, name FROM clients WHERE slug = 'globex'`);
  const admin = await apiLogin(request, 'admin@switchboard.demo');
  const auth = { authorization: `Bearer ${admin}` };

  // Admin-editable text: the playbook and a canned response of the client.
  expect((await request.put(`/api/clients/${globex.id}/playbook`, { headers: auth, data: { greeting: `Hello ${PAYLOADS[0]}`, script: text, dos: [PAYLOADS[1]], donts: [PAYLOADS[2]], links: [] } })).status()).toBe(200);
  expect((await request.post(`/api/clients/${globex.id}/canned-responses`, { headers: auth, data: { shortcut: tag.replace(/[^a-z0-9]/g, '').slice(0, 30), title: PAYLOADS[3], body: PAYLOADS[4] } })).status()).toBe(201);

  // A customer types the payloads in the widget on the client's site.
  const customer = await (await browser.newContext()).newPage();
  const widget = watch(customer);
  await customer.goto('/demo/globex');
  await customer.getByRole('button', { name: 'Chat with Globex Retail' }).click();
  const chat = customer.getByRole('dialog', { name: 'Chat with Globex Retail' });
  await chat.getByLabel('Your email').fill('xss@example.com');
  await chat.getByRole('textbox', { name: 'Message' }).fill(text);
  await chat.getByRole('button', { name: 'Send message' }).click();
  await expect(chat.getByText(text)).toBeVisible(); // shown as the text it is

  // The widget shows the line as soon as it is sent; the ticket is listed once intake has committed it.
  const findTicket = async () => ((await (await request.get('/api/tickets?limit=100', { headers: auth })).json()) as Page<TicketSummary>).items.find((t) => t.preview?.startsWith(tag));
  await expect.poll(findTicket, { timeout: 10_000 }).toBeDefined();
  const ticket = await findTicket();
  // The contact's name, and an agent's reply, carry payloads too.
  await ownerSql(`UPDATE contacts SET display_name = $2 WHERE id = (SELECT contact_id FROM tickets WHERE id = $1)`, [ticket?.id, `Dana ${PAYLOADS[0]}`]);
  const reply = await request.post(`/api/tickets/${ticket?.id}/messages`, { headers: auth, data: { clientMsgId: `e2e-${tag}`, kind: 'reply', body: `Reply ${PAYLOADS.join(' ')}` } });
  expect(reply.status()).toBe(201);
  await expect(chat.getByText(`Reply ${PAYLOADS.join(' ')}`)).toBeVisible();
  await widget.check('widget');

  // The console: the lead's queue and the admin's ticket page (conversation, customer, playbook).
  const lead = await signIn(browser, 'lead1@switchboard.demo');
  const leadWatch = watch(lead);
  await lead.getByRole('link', { name: 'Queue' }).click();
  await expect(lead.getByRole('row').filter({ hasText: tag })).toBeVisible();
  await leadWatch.check('console queue');

  const desk = await signIn(browser, 'admin@switchboard.demo');
  const deskWatch = watch(desk);
  await expect(desk.getByRole('link', { name: 'Queue' }).first()).toBeVisible();
  await desk.goto(`/tickets/${ticket?.id}`);
  // The playbook's script is the same text, and its tab may be the one open: look in the conversation.
  await expect(desk.getByRole('list', { name: 'Conversation' }).getByText(text)).toBeVisible();
  await expect(desk.getByText(`Reply ${PAYLOADS.join(' ')}`)).toBeVisible();
  await desk.getByRole('tab', { name: 'Playbook' }).click();
  await expect(desk.getByText(`Hello ${PAYLOADS[0]}`).first()).toBeVisible();
  await desk.getByRole('tab', { name: 'Customer' }).click();
  await expect(desk.getByText(`Dana ${PAYLOADS[0]}`).first()).toBeVisible();
  await desk.screenshot({ path: '../dist/e2e/xss-console-ticket.png', fullPage: true });
  await deskWatch.check('console ticket');

  // The portal shows the client's name: a payload there stays text too.
  await ownerSql(`UPDATE clients SET name = $2 WHERE id = $1`, [globex.id, `Globex ${PAYLOADS[2]}`]);
  try {
    const portal = await signIn(browser, 'viewer@globex.demo', '/portal/');
    const portalWatch = watch(portal);
    await expect(portal.getByText(`Globex ${PAYLOADS[2]}`).first()).toBeVisible();
    await portal.screenshot({ path: '../dist/e2e/xss-portal.png', fullPage: true });
    await portalWatch.check('portal');
  } finally {
    await ownerSql(`UPDATE clients SET name = $2 WHERE id = $1`, [globex.id, globex.name]);
  }
});

/** Speaks just enough SMTP to hand one message to the product's own listener, as a mail server would. */
async function sendMail(from: string, to: string, message: string): Promise<void> {
  const { connect } = await import('node:net');
  const port = Number(process.env['E2E_SMTP_PORT'] ?? 2626);
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const steps = [`EHLO e2e.example`, `MAIL FROM:<${from}>`, `RCPT TO:<${to}>`, 'DATA', `${message.replace(/\n/g, '\r\n')}\r\n.`, 'QUIT'];
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      // One reply per step (EHLO's is several lines, the last with a space after the code).
      while (/^\d{3} .*\r\n/m.test(buffer)) {
        const line = /^(\d{3}) .*\r\n/m.exec(buffer);
        if (!line) break;
        buffer = buffer.slice((line.index ?? 0) + line[0].length);
        if (!/^[23]/.test(line[1])) return reject(new Error(`SMTP said ${line[0].trim()}`));
        const next = steps.shift();
        if (next === undefined) return socket.end();
        socket.write(`${next}\r\n`);
      }
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

test('XSS payloads and card numbers sent by email, by WhatsApp and in a call transcript run nowhere and show masked in the console', async ({ browser, request }) => {
  const { createHmac } = await import('node:crypto');
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const tag = `xss-mail-${Date.now().toString(36)}`;
  const card = '4111 1111 1111 1111';
  const html = `<p>${tag}</p>${PAYLOADS.join('<br>')}<p>My card is ${card}, CVV 123.</p><script>window.__xss=7</script><img src="https://tracker.example/pixel.gif">`;
  await sendMail(
    'pat@example.com',
    'orders@globex.demo',
    [
      `From: "${PAYLOADS[0].replace(/"/g, "'")}" <pat@example.com>`,
      'To: orders@globex.demo',
      `Subject: ${tag} ${PAYLOADS[1]}`,
      `Message-ID: <${tag}@example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `${tag} ${PAYLOADS.join(' ')} My card is ${card}, CVV 123.`,
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      '--b1--',
    ].join('\n'),
  );

  // WhatsApp: the sender's profile name and the text carry the payloads, signed as Meta signs.
  const secret = readFileSync(join(process.env['E2E_DATA_DIR'] ?? '', 'meta-app-secret'), 'utf8').trim();
  const waId = `4477009${Date.now().toString().slice(-5)}`;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ changes: [{ value: { metadata: { phone_number_id: '109876543210' }, contacts: [{ wa_id: waId, profile: { name: `${tag} ${PAYLOADS[2]}` } }], messages: [{ from: waId, id: `wamid.${tag}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `${tag} ${PAYLOADS.join(' ')} card ${card.replace(/ /g, '-')} cvv 321` } }] } }] }],
  });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const delivered = await request.post('/api/webhooks/meta', { headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, data: body });
  expect(delivered.status(), await delivered.text()).toBe(200);

  // A call to Northwind's line whose transcript (as the voice provider sends it, signed) says the same.
  const voiceToken = readFileSync(join(process.env['E2E_DATA_DIR'] ?? '', 'twilio-auth-token'), 'utf8').trim();
  const voice = async (path: string, params: Record<string, string>) => {
    const url = `${new URL(test.info().project.use.baseURL ?? '').origin}/api/webhooks/voice${path}`;
    const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
    const response = await request.post(`/api/webhooks/voice${path}`, { headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', voiceToken).update(data).digest('base64') }, data: new URLSearchParams(params).toString() });
    expect(response.status(), await response.text()).toBe(200);
  };
  const callSid = `CA${Date.now().toString(16).padStart(32, '0')}`;
  await voice('/incoming', { AccountSid: `AC${'0123456789abcdef'.repeat(2)}`, CallSid: callSid, CallStatus: 'ringing', Direction: 'inbound', From: '+14155550199', To: '+18005550142' });
  await voice('/transcription', { CallSid: callSid, TranscriptionSid: `TR${Date.now()}`, TranscriptionStatus: 'completed', TranscriptionText: `${tag} ${PAYLOADS.join(' ')} my card is ${card} and the code is 456` });

  // The three tickets arrive; nothing card-like reached the database.
  await expect.poll(async () => (await ownerSql(`SELECT 1 FROM messages WHERE body LIKE $1`, [`%${tag}%`])).length, { timeout: 15_000 }).toBe(3);
  const stored = await ownerSql<{ ticket_id: string; body: string; body_html: string | null }>(`SELECT ticket_id, body, body_html FROM messages WHERE body LIKE $1`, [`%${tag}%`]);
  const [call] = await ownerSql<{ transcript: string }>(`SELECT transcript FROM calls WHERE call_sid = $1`, [callSid]);
  expect(call.transcript).toContain(tag);
  expect(call.transcript).not.toContain(card);
  expect(call.transcript).not.toMatch(/code is 456/);
  for (const row of stored) {
    expect(`${row.body} ${row.body_html ?? ''}`).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    expect(`${row.body} ${row.body_html ?? ''}`).not.toMatch(/(cvv|CVV) (123|321)|code is 456/);
  }

  // The lead opens each in the console: no script runs, the card shows masked.
  const lead = await signIn(browser, 'lead1@switchboard.demo', '/');
  const console_ = watch(lead);
  await expect(lead.getByRole('link', { name: 'Team board' })).toBeVisible();
  for (const { ticket_id: ticketId } of stored) {
    await lead.goto(`/tickets/${ticketId}`);
    await expect(lead.getByText(tag).first()).toBeVisible();
    await expect(lead.locator('body')).not.toContainText('4111 1111 1111 1111');
    await expect(lead.locator('body')).not.toContainText('4111-1111-1111-1111');
    await console_.check(`console ticket ${ticketId}`);
  }
});
