import { expect, test } from '@playwright/test';
import { ownerSql, closeSignedIn, signIn } from './support';

// Consoles signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

const EXTRA = 250;

/**
 * A lead of a large team: the board lists every agent (its counts say so) but keeps only the rows in
 * view in the page, and scrolling brings the others.
 */
test('a board of 250 more agents renders the rows in view, and scrolling reaches the last one', async ({ browser }) => {
  await ownerSql(
    `WITH made AS (
       INSERT INTO users (email, display_name, role, password_hash)
       SELECT 'scale-' || lpad(g::text, 3, '0') || '@switchboard.test', 'Scale Agent ' || lpad(g::text, 3, '0'), 'agent', '!no-login: e2e'
         FROM generate_series(1, $1::int) g RETURNING id),
     profiles AS (INSERT INTO agent_profiles (user_id, time_zone, languages, capacity, shift_schedule) SELECT id, 'UTC', '{en}', '{"chat": 3}', '{}' FROM made RETURNING user_id)
     INSERT INTO team_members (team_id, user_id, membership) SELECT t.id, p.user_id, 'member' FROM profiles p, teams t WHERE t.name = 'Manila Atlas'`,
    [EXTRA],
  );
  try {
    const lead = await signIn(browser, 'lead1@switchboard.demo');
    await expect(lead).toHaveURL(/\/board$/);
    const agents = lead.getByRole('region', { name: 'Agents' });
    await expect(agents.getByText(`${EXTRA + 3}`, { exact: true })).toBeVisible(); // every agent is counted (253 offline)
    await expect(agents.getByRole('row', { name: /Ana Cruz/ })).toBeVisible();
    const rendered = await agents.getByRole('row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);

    // The rows scroll inside the board; the last agent by name comes into the page at the bottom.
    await agents.locator('.p-virtualscroller').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
    await expect(agents.getByRole('row', { name: /Scale Agent 250/ })).toBeVisible();
    await expect(agents.getByRole('row', { name: /Ana Cruz/ })).toHaveCount(0);
  } finally {
    await ownerSql(`DELETE FROM users WHERE email LIKE 'scale-%@switchboard.test'`);
  }
});
