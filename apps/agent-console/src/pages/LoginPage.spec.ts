import { afterEach, describe, expect, it } from 'vitest';
import type { UserView } from '@switchboard/shared-contracts';
import { endSession, installApiMock, loginResponseFixture, mockLogin, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent } from '@switchboard/web-ui';
import LoginPage from './LoginPage.vue';

const Empty = { render: () => null };
const routes = [
  { path: '/login', name: 'login', component: LoginPage },
  { path: '/', component: Empty },
  { path: '/board', component: Empty },
  { path: '/staff-only', name: 'staff-only', component: Empty },
];

describe('LoginPage (agent console)', () => {
  let api: ApiMock | null = null;
  afterEach(() => {
    api?.restore();
    endSession();
  });

  /** Signs in through the page as `user`, having arrived at `url`. */
  async function signInAs(user: UserView, url = '/login') {
    api = installApiMock(mockLogin(loginResponseFixture({ user })));
    const view = await renderComponent(LoginPage, { routes, route: url });
    await view.type(view.getByLabelText('Email'), user.email);
    await view.type(view.getByLabelText('Password'), 'demo-password');
    await view.click(view.getByRole('button', { name: 'Sign in' }));
    return view;
  }

  it('opens the console where the staff member was going', async () => {
    const view = await signInAs(userFixture({ role: 'team_lead', email: 'lead1@switchboard.demo' }), '/login?redirect=/board');
    expect(view.router.currentRoute.value.path).toBe('/board');
  });

  it('opens the start page when there is nowhere to go back to', async () => {
    const view = await signInAs(userFixture({ role: 'agent' }));
    expect(view.router.currentRoute.value.path).toBe('/');
  });

  it('points client users to their portal', async () => {
    const view = await signInAs(userFixture({ role: 'client_viewer', clientId: 'client-northwind' }), '/login?redirect=/board');
    expect(view.router.currentRoute.value.name).toBe('staff-only');
  });
});
