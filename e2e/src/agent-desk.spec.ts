import { expect, test } from '@playwright/test';
import { accessibilityViolations, ownerSql, closeSignedIn, signIn } from './support';

// Consoles signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

const AGENT = 'agent6@switchboard.demo'; // Diego Ramírez: Globex chat, on shift at weekends only in the demo world
const LEAD = 'lead2@switchboard.demo'; // Andrés Villa leads Diego's team

/**
 * An agent's working loop, in Chromium, whatever the hour: the agent goes available, a customer writes
 * in the widget, the offer appears, the agent accepts and answers from the desk, the network drops while
 * the customer keeps writing (each message shows once after the reconnect), the agent resolves and the
 * customer is asked for a rating. Their team lead follows along on the board and whispers to them about
 * the ticket. Screenshots of the desk and the board are kept as test artifacts.
 */
test('an agent takes a chat from offer to rating on the desk, through a network cut', async ({ browser }, testInfo) => {
  const [before] = await ownerSql<{ shift: unknown; calendar: unknown }>(
    `SELECT ap.shift_schedule AS shift, c.business_calendar AS calendar FROM agent_profiles ap JOIN users u ON u.id = ap.user_id, clients c WHERE u.email = $1 AND c.slug = 'globex'`,
    [AGENT],
  );
  const allWeek = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '00:00' }]]));
  await ownerSql(`UPDATE agent_profiles SET shift_schedule = $2 WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [AGENT, allWeek]);
  await ownerSql(`UPDATE clients SET business_calendar = jsonb_set(business_calendar, '{weekly}', $1::jsonb) WHERE slug = 'globex'`, [JSON.stringify(allWeek)]);
  try {
    const agent = await signIn(browser, AGENT);
    await expect(agent).toHaveURL(/\/tickets$/);
    await agent.getByRole('button', { name: 'Available' }).click(); // the status is set from the desk itself
    await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');

    // The lead's board shows Diego available, live.
    const lead = await signIn(browser, LEAD, '/board');
    const diegoRow = lead.getByRole('row').filter({ hasText: 'Diego Ramírez' });
    await expect(diegoRow.getByText('available')).toBeVisible();
    await expect(lead.getByRole('table', { name: 'Queues' }).getByRole('row', { name: /Globex Retail/ }).first()).toBeVisible();

    const customer = await (await browser.newContext()).newPage();
    await customer.goto('/demo/globex');
    await customer.getByRole('button', { name: 'Chat with Globex Retail' }).click();
    const chat = customer.getByRole('dialog', { name: 'Chat with Globex Retail' });
    await expect(chat.getByText("We're online")).toBeVisible();
    const first = `My order arrived damaged, the box was crushed (${Date.now().toString(36)})`;
    await chat.getByRole('textbox', { name: 'Message' }).fill(first);
    await chat.getByRole('button', { name: 'Send' }).click();

    // The offer, then the desk: the ticket opens under the client's name with the customer's words.
    const offer = agent.getByRole('alertdialog', { name: /Chat offer SB-\d+ from Globex Retail/ });
    await expect(offer).toBeVisible();
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect(agent).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
    const workspace = agent.getByRole('region', { name: /SB-\d+/ });
    await expect(workspace.getByText('Globex Retail', { exact: true })).toBeVisible(); // the client's chip (the playbook beside it is "Globex Retail playbook")
    const conversation = workspace.getByRole('list', { name: 'Conversation' });
    await expect(conversation.getByText(first)).toBeVisible();
    const inbox = agent.getByRole('navigation', { name: 'My tickets' });
    await expect(inbox.getByRole('heading', { name: /Globex Retail/ })).toBeVisible();

    // The client's canned response, found with `/`: Enter inserts it, a second Enter sends it.
    const reply = 'I am so sorry your order arrived damaged. I have arranged a free replacement; it ships today and you do not need to send the damaged item back.';
    const composer = workspace.getByRole('textbox', { name: 'Reply' });
    await composer.fill('/dam');
    await expect(workspace.getByRole('option', { name: /\/damaged/ })).toBeVisible();
    await composer.press('Enter');
    await expect(composer).toHaveValue(reply);
    await composer.press('Enter');
    await expect(conversation.getByText(reply)).toBeVisible();
    const answer = chat.getByRole('listitem').filter({ hasText: reply });
    await expect(answer).toBeVisible();
    await expect(answer).toContainText('Diego');
    await agent.screenshot({ path: testInfo.outputPath('desk-after-reply.png') });
    expect(await accessibilityViolations(agent), 'the desk with a live ticket: accessibility violations').toEqual([]);

    // The lead sees the ticket in Diego's row and whispers to him about it; only Diego reads it.
    const [{ reference }] = await ownerSql<{ reference: string }>(`SELECT 'SB-' || t.number AS reference FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.body = $1`, [first]);
    await expect(diegoRow.getByRole('link', { name: reference })).toBeVisible();
    await expect(diegoRow.getByText(/1 chat/)).toBeVisible();
    await diegoRow.getByRole('button', { name: 'Whisper to Diego Ramírez' }).click();
    const whisperDialog = lead.getByRole('dialog', { name: 'Whisper to Diego Ramírez' });
    await whisperDialog.getByRole('combobox').click();
    await lead.getByRole('option', { name: new RegExp(reference) }).click();
    const tip = 'Nice recovery. Offer the 10% voucher if they ask about the delay.';
    await whisperDialog.getByRole('textbox', { name: 'Note' }).fill(tip);
    await whisperDialog.getByRole('button', { name: 'Send whisper' }).click();
    await expect(whisperDialog).toBeHidden();
    await lead.screenshot({ path: testInfo.outputPath('board-following-diego.png') });
    expect(await accessibilityViolations(lead), 'the board following a live ticket: accessibility violations').toEqual([]);
    const whispers = agent.getByRole('region', { name: 'Notes for you' });
    await expect(whispers.getByText(tip)).toBeVisible();
    await expect(whispers.getByRole('link', { name: reference })).toBeVisible();
    await expect(chat.getByText(tip)).toHaveCount(0);
    await whispers.getByRole('button', { name: 'Got it, the whisper from Andrés Villa' }).click();
    await expect(whispers).toBeHidden();

    // The agent's network drops; the customer writes on. After the reconnect each message shows once.
    await agent.context().setOffline(true);
    const during = ['Thanks! Will it come by courier?', 'And can I keep the damaged one?'];
    for (const text of during) {
      await chat.getByRole('textbox', { name: 'Message' }).fill(text);
      await chat.getByRole('button', { name: 'Send' }).click();
      await expect(chat.getByRole('listitem').filter({ hasText: text })).toBeVisible();
    }
    await agent.context().setOffline(false);
    for (const text of during) await expect(conversation.getByText(text)).toHaveCount(1, { timeout: 30_000 });
    await expect(conversation.getByText(first)).toHaveCount(1);
    await expect(conversation.getByText(reply)).toHaveCount(1);
    await agent.screenshot({ path: testInfo.outputPath('desk-after-reconnect.png') });

    // Wrap-up: a disposition from Globex's list, then resolved.
    await workspace.getByRole('button', { name: 'Resolve' }).click();
    const wrapUp = workspace.getByRole('form', { name: 'Wrap up' });
    await wrapUp.getByRole('combobox').click();
    await agent.getByRole('option', { name: 'Replacement sent' }).click();
    await wrapUp.getByRole('button', { name: 'Resolve ticket' }).click();
    await expect(workspace.getByText('Resolved', { exact: true })).toBeVisible();
    await expect(workspace.getByText('Wrapped up: Replacement sent')).toBeVisible();
    await expect(inbox.getByRole('link', { name: /SB-\d+/ })).toHaveCount(0);
    await chat.getByRole('button', { name: '5 – Excellent' }).click();
    await chat.getByRole('button', { name: 'Send rating' }).click();
    await expect(chat.getByText('Thanks for your feedback')).toBeVisible();
    const [wrapped] = await ownerSql<{ disposition_code: string; csat_score: number }>(
      `SELECT disposition_code, csat_score FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.body = $1`,
      [first],
    );
    expect(wrapped).toEqual({ disposition_code: 'replacement_sent', csat_score: 5 });
    await expect(diegoRow.getByRole('link', { name: reference })).toHaveCount(0);

    await agent.getByRole('button', { name: 'Offline' }).click();
  } finally {
    await ownerSql(`UPDATE agent_profiles SET shift_schedule = $2 WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [AGENT, before.shift]);
    await ownerSql(`UPDATE clients SET business_calendar = $1 WHERE slug = 'globex'`, [before.calendar]);
  }
});
