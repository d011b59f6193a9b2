import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { endSession, seedSession, userFixture } from '@switchboard/web-data-access';
import { createPortalRouter } from './app.router';

describe('portal router', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => endSession());

  it('sends visitors to the login page', async () => {
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('login');
  });

  it('tells provider staff, politely, that the portal is for client users', async () => {
    seedSession(userFixture({ role: 'team_lead' }));
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('clients-only');
  });

  it('lets client users in', async () => {
    seedSession(userFixture({ role: 'client_viewer', clientId: 'client-northwind' }));
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/login');
    expect(router.currentRoute.value.name).toBe('overview');
  });
});
