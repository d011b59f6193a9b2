import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { endSession, seedSession, userFixture } from '@switchboard/web-data-access';
import { createConsoleRouter } from './app.router';

async function landingOf(path: string) {
  const router = createConsoleRouter(createMemoryHistory());
  await router.push(path);
  return router.currentRoute.value;
}

describe('console router', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => endSession());

  it('asks visitors to sign in, remembering where they were going', async () => {
    const route = await landingOf('/board');
    expect(route.name).toBe('login');
    expect(route.query['redirect']).toBe('/board');
  });

  it('starts agents at their desk (my tickets) and keeps them off the board', async () => {
    seedSession(userFixture({ role: 'agent' }));
    expect((await landingOf('/')).name).toBe('tickets');
    expect((await landingOf('/board')).name).toBe('tickets');
    expect((await landingOf('/queue')).name).toBe('tickets');
    expect((await landingOf('/tickets/ticket-1')).name).toBe('ticket');
  });

  it('lets team leads and admins open the queue', async () => {
    seedSession(userFixture({ role: 'team_lead' }));
    expect((await landingOf('/queue')).name).toBe('queue');
    endSession();
    setActivePinia(createPinia());
    seedSession(userFixture({ role: 'admin' }));
    expect((await landingOf('/queue')).name).toBe('queue');
  });

  it.each([
    ['/admin/desk', 'admin-desk'],
    ['/admin/routing', 'admin-routing'],
  ])('opens %s to admins only', async (path, name) => {
    seedSession(userFixture({ role: 'admin' }));
    expect((await landingOf(path)).name).toBe(name);
    for (const role of ['team_lead', 'agent'] as const) {
      endSession();
      setActivePinia(createPinia());
      seedSession(userFixture({ role }));
      expect([role, (await landingOf(path)).name]).toEqual([role, role === 'agent' ? 'tickets' : 'board']);
    }
  });

  it('starts team leads and admins on the board', async () => {
    seedSession(userFixture({ role: 'team_lead' }));
    expect((await landingOf('/')).name).toBe('board');
    endSession();
    setActivePinia(createPinia());
    seedSession(userFixture({ role: 'admin' }));
    expect((await landingOf('/login')).name).toBe('board');
  });

  it('points client users to their portal', async () => {
    seedSession(userFixture({ role: 'client_viewer', clientId: 'client-northwind' }));
    expect((await landingOf('/')).name).toBe('staff-only');
  });
});
