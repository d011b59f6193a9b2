import { expect, test, type Page } from '@playwright/test';
import { accessibilityViolations, closeSignedIn, ownerSql, signIn } from './support';

// Consoles signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

const AGENT = 'agent6@switchboard.demo'; // Diego Ramírez: Globex chat
const REVIEWER = 'lead1@switchboard.demo'; // Lea Mercado covers Globex
const RESOLVER = 'lead2@switchboard.demo'; // Andrés Villa covers Globex too
const ADMIN = 'admin@switchboard.demo';
const SOLUTION = 'Gave the right solution under the returns & refunds policy';

/** The laptop screen the floor works on. */
const laptop = (page: Page) => page.setViewportSize({ width: 1366, height: 768 });

async function noViolations(page: Page, what: string) {
  expect(await accessibilityViolations(page), `${what}: accessibility violations`).toEqual([]);
}

/**
 * QA review end to end, in Chromium: a customer chats with Diego in the widget and he resolves it at
 * his desk; Lea picks the resolved ticket, reads the conversation beside the Globex scorecard, scores
 * it (the score moves as she answers) and submits. Diego, on "My quality", hears of it at once, opens
 * it and disputes one answer; Lea hears of the dispute but may not settle it; Andrés adjusts it and
 * Diego hears the outcome with the new score; Andrés coaches him on it and Diego acknowledges the note; the
 * QA report shows the review in the hand-picked stream. Screenshots of each screen are kept as artifacts.
 */
test('a lead scores a resolved chat, the agent disputes it live, another lead adjusts it', async ({ browser }, testInfo) => {
  // Four consoles, a widget and six accessibility checks on a shared machine: longer than the 60 s default.
  test.setTimeout(240_000);
  const [before] = await ownerSql<{ shift: unknown; calendar: unknown }>(
    `SELECT ap.shift_schedule AS shift, c.business_calendar AS calendar FROM agent_profiles ap JOIN users u ON u.id = ap.user_id, clients c WHERE u.email = $1 AND c.slug = 'globex'`,
    [AGENT],
  );
  const allWeek = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '00:00' }]]));
  await ownerSql(`UPDATE agent_profiles SET shift_schedule = $2 WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [AGENT, allWeek]);
  await ownerSql(`UPDATE clients SET business_calendar = jsonb_set(business_calendar, '{weekly}', $1::jsonb) WHERE slug = 'globex'`, [JSON.stringify(allWeek)]);
  try {
    // ── A real chat, resolved at the desk ────────────────────────────────────────────────────────
    const agent = await signIn(browser, AGENT);
    await laptop(agent);
    await expect(agent).toHaveURL(/\/tickets$/);
    await agent.getByRole('button', { name: 'Available' }).click();
    await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');

    const customer = await (await browser.newContext()).newPage();
    await customer.goto('/demo/globex');
    await customer.getByRole('button', { name: 'Chat with Globex Retail' }).click();
    const chat = customer.getByRole('dialog', { name: 'Chat with Globex Retail' });
    const first = `My parcel never came, order GX-${Date.now().toString(36)}`;
    await chat.getByRole('textbox', { name: 'Message' }).fill(first);
    await chat.getByRole('button', { name: 'Send' }).click();

    const offer = agent.getByRole('alertdialog', { name: /Chat offer SB-\d+ from Globex Retail/ });
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect(agent).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
    const workspace = agent.getByRole('region', { name: /SB-\d+/ });
    const reply = 'I am sorry it has not arrived. I found your order and have sent a replacement today.';
    const composer = workspace.getByRole('textbox', { name: 'Reply' });
    await composer.fill(reply);
    await composer.press('Enter');
    await expect(workspace.getByRole('list', { name: 'Conversation' }).getByText(reply)).toBeVisible();
    await workspace.getByRole('button', { name: 'Resolve' }).click();
    const wrapUp = workspace.getByRole('form', { name: 'Wrap up' });
    await wrapUp.getByRole('combobox').click();
    await agent.getByRole('option', { name: 'Replacement sent' }).click();
    await wrapUp.getByRole('button', { name: 'Resolve ticket' }).click();
    await expect(workspace.getByText('Resolved', { exact: true })).toBeVisible();
    const [{ reference }] = await ownerSql<{ reference: string }>(`SELECT 'SB-' || t.number AS reference FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.body = $1`, [first]);
    await agent.getByRole('button', { name: 'Offline' }).click();

    // Diego waits on "My quality".
    await agent.getByRole('link', { name: 'My quality' }).click();
    await expect(agent.getByRole('heading', { name: 'My quality' })).toBeVisible();
    const myEvaluations = agent.getByRole('region', { name: 'My evaluations' });
    await expect(myEvaluations.getByText(reference)).toHaveCount(0);

    // ── Lea picks the ticket and scores it beside the conversation ───────────────────────────────
    const lea = await signIn(browser, REVIEWER, '/qa');
    await laptop(lea);
    const toReview = lea.getByRole('region', { name: 'Resolved tickets to review' });
    const row = toReview.getByRole('row').filter({ hasText: reference });
    await expect(row).toContainText('Diego Ramírez');
    await noViolations(lea, 'the quality reviews page');
    await lea.screenshot({ path: testInfo.outputPath('qa-to-review.png') });
    await row.getByRole('button', { name: `Review Diego Ramírez on ${reference}` }).click();
    await expect(lea).toHaveURL(/\/qa\/evaluations\/[0-9a-f-]{36}$/);
    await expect(lea.getByRole('heading', { name: `Evaluation of Diego Ramírez on ${reference}` })).toBeVisible();

    const conversation = lea.getByRole('list', { name: 'Conversation' });
    await expect(conversation.getByText(first)).toBeVisible();
    await expect(conversation.getByText(reply)).toBeVisible();
    await expect(lea.getByLabel('Conversation pace').getByText('First reply')).toBeVisible();

    const scorecard = lea.getByRole('form', { name: 'Score the interaction' });
    const score = lea.locator('output');
    const answer = async (question: string | RegExp, value: string) => {
      await scorecard.getByRole('radiogroup', { name: question }).getByLabel(value, { exact: true }).check();
    };
    await expect(score).toHaveText('—');
    await answer(/^Greeted the customer by name/, 'Yes');
    await expect(score).toHaveText('100.0'); // the score moves as she answers
    await answer(/^Found the order/, 'Yes');
    await answer(/^Understood the problem/, '5');
    await answer(SOLUTION, '3');
    await answer(/^Offered the replacement/, 'N/A');
    await answer(/^Short, friendly replies/, '4');
    await answer(/^Kept the chat moving/, '3');
    await answer(/^Did not ask for card numbers/, 'Yes');
    // The last one by keyboard: arrows move within a question's answers.
    const closing = scorecard.getByRole('radiogroup', { name: /^Asked whether there was anything else/ });
    await closing.getByLabel('Yes', { exact: true }).focus();
    await lea.keyboard.press('ArrowRight');
    await expect(closing.getByLabel('No', { exact: true })).toBeChecked();
    await lea.keyboard.press('ArrowLeft');
    await expect(closing.getByLabel('Yes', { exact: true })).toBeChecked();
    // opening 100 × 15, resolution (100 + 50 × 2) / 3 × 50, communication 100 × 25, compliance 100 × 10 → 83.3
    await expect(score).toHaveText('83.3');
    await expect(lea.getByText('9 of 9 answered')).toBeVisible();
    await scorecard.getByLabel(`Comment for Diego Ramírez on ${SOLUTION}`).fill('The replacement was right, but confirm the delivery address first.');
    await noViolations(lea, 'the review workspace with a draft');
    await lea.screenshot({ path: testInfo.outputPath('qa-review-workspace.png') });
    await lea.keyboard.press('Control+Enter'); // submit from the keyboard
    await expect(lea.getByText('Submitted: 83.3. Diego Ramírez hears of it now.')).toBeVisible();

    // ── Diego hears of it live and disputes one answer ───────────────────────────────────────────
    const diegoNews = agent.getByRole('region', { name: 'Quality updates' });
    await expect(diegoNews.getByText(`New evaluation of ${reference} by Lea Mercado: 83.3.`)).toBeVisible();
    await expect(myEvaluations.getByRole('link', { name: `Open the evaluation of Diego Ramírez on ${reference}` })).toBeVisible(); // the list refreshed too
    await agent.screenshot({ path: testInfo.outputPath('qa-my-quality-live.png') });
    await noViolations(agent, 'My quality with a live notice');
    await diegoNews.getByRole('link', { name: 'Open evaluation' }).click();
    await expect(agent.getByText('The replacement was right, but confirm the delivery address first.')).toBeVisible();
    await expect(agent.getByText(/You may dispute 3 more questions until/)).toBeVisible();
    await agent.getByRole('button', { name: `Dispute the answer to ${SOLUTION}` }).click();
    await agent.getByLabel('Why the answer is wrong').fill('I checked the order and the policy allows a replacement under £50 without a return.');
    await agent.getByRole('button', { name: 'Send dispute' }).click();
    await expect(agent.getByText('Your dispute was sent: another lead will look at it.')).toBeVisible();
    await expect(agent.getByText(/You may dispute 2 more questions until/)).toBeVisible();
    await expect(agent.getByRole('button', { name: 'Acknowledge evaluation' })).toHaveCount(0);
    await noViolations(agent, 'the agent’s evaluation with an open dispute');
    await agent.screenshot({ path: testInfo.outputPath('qa-agent-dispute.png') });

    // Lea hears of the dispute; as the reviewer she may not settle it.
    await expect(lea.getByRole('region', { name: 'Quality updates' }).getByText(`Diego Ramírez disputed a question of ${reference}.`)).toBeVisible();
    await expect(lea.getByText('You reviewed this evaluation: another lead resolves its disputes.')).toBeVisible();

    // ── Andrés adjusts the answer; Diego hears the outcome ───────────────────────────────────────
    const andres = await signIn(browser, RESOLVER, '/qa?tab=disputes');
    await laptop(andres);
    const toResolve = andres.getByRole('region', { name: 'Disputes to resolve' });
    await expect(toResolve.getByRole('row').filter({ hasText: reference })).toContainText('Lea Mercado');
    await noViolations(andres, 'the disputes to resolve');
    await andres.screenshot({ path: testInfo.outputPath('qa-disputes.png') });
    await toResolve.getByRole('link', { name: `Open the evaluation of Diego Ramírez on ${reference}` }).click();
    const resolve = andres.getByRole('group', { name: `Resolve the dispute of ${SOLUTION}` });
    await expect(andres.getByRole('list', { name: `Disputes of ${SOLUTION}` }).getByText(/the policy allows a replacement under £50/)).toBeVisible();
    await resolve.getByLabel('Adjust it').check();
    await resolve.getByRole('radiogroup', { name: `New answer to ${SOLUTION}` }).getByLabel('5', { exact: true }).check();
    await resolve.getByLabel('Note to Diego Ramírez').fill('Agreed: under £50 needs no return. Full marks.');
    await resolve.getByRole('button', { name: 'Resolve dispute' }).click();
    await expect(andres.getByText('Dispute resolved: the answer was adjusted and the score is now 100.0.')).toBeVisible();
    await expect(andres.getByText('submitted as 83.3, adjusted by a dispute')).toBeVisible();
    await andres.screenshot({ path: testInfo.outputPath('qa-dispute-resolved.png') });

    await expect(diegoNews.getByText(`Your dispute on ${reference} was adjusted (score now 100) by Andrés Villa.`)).toBeVisible();
    // The open evaluation read itself again: the dispute's outcome under its question.
    const history = agent.getByRole('list', { name: `Disputes of ${SOLUTION}` });
    await expect(history).toContainText('3 of 5 → 5 of 5.');
    await expect(history).toContainText('Agreed: under £50 needs no return. Full marks.');
    await expect(agent.locator('output')).toHaveText('100.0');
    await agent.getByRole('button', { name: 'Acknowledge evaluation' }).click();
    await expect(agent.getByText('Acknowledged. Thank you.')).toBeVisible();

    // ── Andrés coaches Diego on it; Diego hears of it and acknowledges ───────────────────────────
    await andres.getByRole('button', { name: 'Coach Diego Ramírez' }).click();
    const coaching = andres.getByRole('form', { name: 'Coaching note for Diego Ramírez' });
    await coaching.getByLabel('Coaching note for Diego Ramírez').fill('Good call on the replacement. Confirm the address before you send one.');
    await coaching.getByRole('button', { name: 'Send coaching note' }).click();
    await expect(andres.getByText('Coaching note sent to Diego Ramírez.')).toBeVisible();
    await expect(diegoNews.getByText('Andrés Villa left you a coaching note.')).toBeVisible();
    await diegoNews.getByRole('link', { name: 'Open coaching notes' }).last().click();
    const notes = agent.getByRole('list', { name: 'Coaching notes' });
    await expect(notes.getByText('Good call on the replacement. Confirm the address before you send one.')).toBeVisible();
    await expect(notes.getByRole('link', { name: `${reference} (100.0)` })).toBeVisible();
    await agent.getByRole('button', { name: 'Acknowledge the coaching note from Andrés Villa' }).click();
    await expect(notes.getByText('Acknowledged', { exact: true })).toBeVisible();
    await noViolations(agent, 'My quality with a coaching note');
    await agent.screenshot({ path: testInfo.outputPath('qa-my-quality-coaching.png') });

    // ── The QA report counts the review apart from the headline (chosen by hand) ─────────────────
    await andres.goto('/qa?tab=reports');
    const reports = andres.getByRole('region', { name: 'QA reports' });
    await reports.getByRole('combobox', { name: 'Client' }).click();
    await andres.getByRole('option', { name: 'Globex Retail' }).click();
    const diegoReport = reports.getByRole('row').filter({ hasText: 'Diego Ramírez' });
    await expect(diegoReport).toContainText('1 · 100.0'); // the hand-picked stream
    await noViolations(andres, 'the QA reports');
    await andres.screenshot({ path: testInfo.outputPath('qa-reports.png') });

    const [stored] = await ownerSql<{ status: string; score: string; submitted_score: string }>(
      `SELECT e.status, e.score::text AS score, e.submitted_score::text AS submitted_score FROM evaluations e JOIN tickets t ON t.id = e.ticket_id WHERE 'SB-' || t.number = $1`,
      [reference],
    );
    expect(stored).toEqual({ status: 'acknowledged', score: '100.0', submitted_score: '83.3' });

    // ── The admin's scorecard editor, as it opens ────────────────────────────────────────────────
    const admin = await signIn(browser, ADMIN, '/admin/scorecards');
    await laptop(admin);
    await admin.getByRole('combobox', { name: 'Client' }).click();
    await admin.getByRole('option', { name: 'Globex Retail' }).click();
    await admin.getByRole('button', { name: 'Edit Globex chat quality' }).click();
    await expect(admin.getByRole('form', { name: 'Edit Globex chat quality' })).toBeVisible();
    await noViolations(admin, 'the scorecard editor');
    await admin.screenshot({ path: testInfo.outputPath('qa-scorecard-editor.png'), fullPage: true });
  } finally {
    await ownerSql(`UPDATE agent_profiles SET shift_schedule = $2 WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [AGENT, before.shift]);
    await ownerSql(`UPDATE clients SET business_calendar = $1 WHERE slug = 'globex'`, [before.calendar]);
  }
});

/**
 * Calibration, in Chromium: Lea opens a session on a resolved Globex chat with Andrés, both score it
 * blind, Andrés' submission shows on Lea's page live, and once she closes it the result shows each
 * reviewer's deviation from her reference. The ticket is written with SQL (the chat flow through the
 * product is the test above); calibration never becomes an evaluation of Diego.
 */
test('two leads calibrate blind on a resolved chat and read the deviation from the reference', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const [{ ticketId, reference }] = await ownerSql<{ ticketId: string; reference: string }>(
    `WITH c AS (SELECT id FROM clients WHERE slug = 'globex'),
          inbox AS (SELECT i.id FROM inboxes i, c WHERE i.client_id = c.id AND i.channel = 'chat' LIMIT 1),
          contact AS (INSERT INTO contacts (client_id, display_name) SELECT id, 'Calibration Customer' FROM c RETURNING id, client_id),
          t AS (INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, created_at, first_response_at, resolved_at, next_seq)
                SELECT contact.client_id, inbox.id, contact.id, 'chat', 'resolved', (SELECT id FROM users WHERE email = $1), now() - interval '20 minutes', now() - interval '19 minutes', now() - interval '5 minutes', 3
                  FROM contact, inbox RETURNING id, number, client_id)
     SELECT t.id AS "ticketId", 'SB-' || t.number AS reference FROM t`,
    [AGENT],
  );
  await ownerSql(
    `INSERT INTO messages (client_id, ticket_id, seq, direction, body, author_user_id, created_at)
     SELECT t.client_id, t.id, 1, 'inbound', 'Where is my refund for order GX-4411?', NULL, now() - interval '20 minutes' FROM tickets t WHERE t.id = $1
     UNION ALL
     SELECT t.client_id, t.id, 2, 'outbound', 'Hi, thanks for contacting Globex! Your refund went out today. Anything else I can help with?', (SELECT id FROM users WHERE email = $2), now() - interval '19 minutes' FROM tickets t WHERE t.id = $1`,
    [ticketId, AGENT],
  );

  const lea = await signIn(browser, REVIEWER, '/qa?tab=calibration');
  await laptop(lea);
  const sessions = lea.getByRole('region', { name: 'Calibration sessions' });
  await sessions.getByRole('combobox', { name: 'Client' }).click();
  await lea.getByRole('option', { name: 'Globex Retail' }).click();
  await sessions.getByRole('button', { name: 'New session' }).click();
  const form = lea.getByRole('form', { name: 'New calibration session' });
  await form.getByLabel('Title').fill(`Refund chats ${reference}`);
  await form.getByLabel(new RegExp(`^${reference} · Diego Ramírez`)).check();
  await form.getByLabel('Andrés Villa').check();
  await expect(form.getByLabel('Lea Mercado')).toBeChecked(); // the lead opening it reviews too, as the reference
  await noViolations(lea, 'the new calibration session form');
  await form.getByRole('button', { name: 'Open session' }).click();
  await expect(lea).toHaveURL(/\/qa\/calibration\/[0-9a-f-]{36}$/);
  const sessionUrl = new URL(lea.url()).pathname;

  const score = async (page: Page, understood: string) => {
    const blind = page.getByRole('form', { name: 'Score the ticket blind' });
    await expect(page.getByRole('list', { name: 'Conversation' }).getByText('Where is my refund for order GX-4411?')).toBeVisible();
    const answers: [string | RegExp, string][] = [
      [/^Greeted the customer by name/, 'Yes'],
      [/^Found the order/, 'Yes'],
      [/^Understood the problem/, understood],
      [SOLUTION, '5'],
      [/^Offered the replacement/, '3'],
      [/^Short, friendly replies/, '4'],
      [/^Kept the chat moving/, '3'],
      [/^Did not ask for card numbers/, 'Yes'],
      [/^Asked whether there was anything else/, 'Yes'],
    ];
    for (const [question, value] of answers) await blind.getByRole('radiogroup', { name: question }).getByLabel(value, { exact: true }).check();
    await blind.getByRole('button', { name: 'Submit review' }).click();
    await expect(page.getByText("You submitted this review. Everyone's answers show once the session closes.")).toBeVisible();
  };
  await score(lea, '5');
  const people = lea.getByRole('region', { name: 'Reviewers' });
  await expect(people).toContainText('Lea Mercado (reference): 1 of 1 submitted');
  await expect(people).toContainText('Andrés Villa: 0 of 1 submitted');

  const andres = await signIn(browser, RESOLVER, sessionUrl);
  await laptop(andres);
  await expect(andres.getByRole('heading', { name: `Refund chats ${reference}` })).toBeVisible();
  await noViolations(andres, 'a blind calibration review');
  await andres.screenshot({ path: testInfo.outputPath('qa-calibration-blind.png') });
  await score(andres, '3');
  await expect(people).toContainText('Andrés Villa: 1 of 1 submitted'); // heard live on Lea's page

  await lea.getByRole('button', { name: 'Close session and show the result' }).click();
  const result = lea.getByRole('region', { name: 'Calibration result' });
  await expect(result.getByRole('table', { name: 'Reviewers against the reference' }).getByRole('row').filter({ hasText: 'Andrés Villa' })).toContainText(/-6\.[23]/);
  await expect(result.getByRole('table', { name: 'Agreement per question' })).toContainText('Understood the problem');
  await noViolations(lea, 'the calibration result');
  await lea.screenshot({ path: testInfo.outputPath('qa-calibration-result.png'), fullPage: true });
  // Andrés hears that it closed; Lea, who closed it, gets no notice of her own doing.
  await expect(andres.getByRole('region', { name: 'Quality updates' }).getByText('A calibration session you took part in closed: its result is in.')).toBeVisible();
  await expect(lea.getByRole('region', { name: 'Quality updates' }).getByText(/calibration session you took part in closed/)).toHaveCount(0);

  const [{ evaluations }] = await ownerSql<{ evaluations: number }>('SELECT count(*)::int AS evaluations FROM evaluations WHERE ticket_id = $1', [ticketId]);
  expect(evaluations).toBe(0); // calibration never counts toward Diego
});
