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
    expect(router.currentRoute.value.query).toEqual({});
  });

  it('remembers the page a visitor asked for, to open it once they have signed in', async () => {
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/clients/client-northwind/statements/2026-11');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query).toEqual({ redirect: '/clients/client-northwind/statements/2026-11' });
  });

  it('tells agents, politely, that the portal is for clients, admins and team leads', async () => {
    seedSession(userFixture({ role: 'agent' }));
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/clients/client-northwind');
    expect(router.currentRoute.value.name).toBe('clients-only');
  });

  it.each(['team_lead', 'admin'] as const)('opens the side-by-side overview for a %s, and any client they pick', async (role) => {
    seedSession(userFixture({ role }));
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('provider-overview');
    await router.push('/clients/client-globex');
    expect(router.currentRoute.value.name).toBe('reports');
  });

  it("lets client users in, to their own client's reports", async () => {
    seedSession(userFixture({ role: 'client_viewer', clientId: 'client-northwind' }));
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/login');
    expect(router.currentRoute.value.name).toBe('reports');
    expect(router.currentRoute.value.params['clientId']).toBe('client-northwind');
  });

  it("never shows a client user another client's pages, nor the provider overview", async () => {
    seedSession(userFixture({ role: 'client_admin', clientId: 'client-northwind' }));
    const router = createPortalRouter(createMemoryHistory());
    for (const path of ['/clients/client-globex', '/clients/client-globex/access-log', '/clients/client-globex/tickets/service_level', '/clients/client-globex/transcripts/t-1', '/clients/client-globex/statements/2026-11', '/clients/client-globex/quality']) {
      await router.push(path);
      expect(router.currentRoute.value.name, path).toBe('not-found');
    }
    await router.push('/clients');
    expect(router.currentRoute.value.fullPath).toBe('/clients/client-northwind');
  });

  it.each([
    ['client_admin', 'client-northwind', 'access-log'],
    ['admin', null, 'access-log'],
    ['client_viewer', 'client-northwind', 'reports'],
    ['team_lead', null, 'reports'],
  ] as const)('the access log opens for a %s: %s', async (role, clientId, expected) => {
    seedSession(userFixture({ role, clientId }));
    const router = createPortalRouter(createMemoryHistory());
    await router.push('/clients/client-northwind/access-log');
    expect(router.currentRoute.value.name).toBe(expected);
  });
});
