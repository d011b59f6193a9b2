import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiFailure,
  endSession,
  installApiMock,
  loginResponseFixture,
  mockLogin,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent } from '@switchboard/web-ui';
import LoginPage from './LoginPage.vue';

const Empty = { render: () => null };
const routes = [
  { path: '/login', name: 'login', component: LoginPage },
  { path: '/', component: Empty },
  { path: '/board', component: Empty },
  { path: '/staff-only', name: 'staff-only', component: Empty },
];

async function signInWith(email: string, password: string) {
  const view = await renderComponent(LoginPage, { routes, route: '/login' });
  await view.type(view.getByLabelText('Email'), email);
  await view.type(view.getByLabelText('Password'), password);
  await view.click(view.getByRole('button', { name: 'Sign in' }));
  return view;
}

describe('LoginPage (agent console)', () => {
  let api: ApiMock;
  beforeEach(() => {
    api = installApiMock();
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it("shows the API's error message when the credentials are wrong", async () => {
    api.use(mockLogin(apiFailure(401, 'AUTH_INVALID_CREDENTIALS', 'Email or password is incorrect.')));

    const view = await signInWith('agent1@switchboard.demo', 'wrong-password');

    expect((await view.findByRole('alert')).textContent).toContain('Email or password is incorrect.');
    expect(view.router.currentRoute.value.path).toBe('/login');
  });

  it('signs in and opens the console where the user was going', async () => {
    api.use(mockLogin(loginResponseFixture({ user: userFixture({ role: 'team_lead', displayName: 'Lena Lead' }) })));
    const view = await renderComponent(LoginPage, { routes, route: '/login?redirect=/board' });

    await view.type(view.getByLabelText('Email'), 'lead1@switchboard.demo');
    await view.type(view.getByLabelText('Password'), 'demo-password');
    await view.click(view.getByRole('button', { name: 'Sign in' }));

    expect(api.callsTo('POST', '/api/auth/login')[0].body).toEqual({ email: 'lead1@switchboard.demo', password: 'demo-password' });
    expect(view.router.currentRoute.value.path).toBe('/board');
  });

  it('points client users to their portal', async () => {
    api.use(mockLogin(loginResponseFixture({ user: userFixture({ role: 'client_viewer', clientId: 'client-northwind' }) })));
    const view = await signInWith('viewer@northwind.demo', 'demo-password');
    expect(view.router.currentRoute.value.name).toBe('staff-only');
  });
});
