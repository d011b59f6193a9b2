import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import type { UserView } from '@switchboard/shared-contracts';
import { apiFailure, endSession, installApiMock, loginResponseFixture, mockLogin, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent } from '../testing/render-component.util';
import LoginScreen from './LoginScreen.vue';

const Empty = { render: () => null };

async function signInWith(landing?: (user: UserView) => string, route = '/login') {
  const Login = { render: () => h(LoginScreen, { title: 'Sign in to Switchboard', landing }) };
  const routes = [
    { path: '/login', name: 'login', component: Login },
    { path: '/:path(.*)*', component: Empty },
  ];
  const view = await renderComponent(Login, { routes, route });
  await view.type(view.getByLabelText('Email'), 'lead1@switchboard.demo');
  await view.type(view.getByLabelText('Password'), 'demo-password');
  await view.click(view.getByRole('button', { name: 'Sign in' }));
  return view;
}

describe('LoginScreen', () => {
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

    const view = await signInWith();

    expect((await view.findByRole('alert')).textContent).toContain('Email or password is incorrect.');
    expect(view.router.currentRoute.value.path).toBe('/login');
  });

  it("shows the API's message when signing in is rate limited, and what to do", async () => {
    api.use(mockLogin(apiFailure(429, 'AUTH_RATE_LIMITED', 'Too many sign-in attempts.')));

    const view = await signInWith();

    expect(view.getByRole('alert').textContent).toContain('Too many sign-in attempts. Wait a moment before trying again.');
  });

  it("signs in and opens the app's start page", async () => {
    api.use(mockLogin(loginResponseFixture()));

    const view = await signInWith();

    expect(api.callsTo('POST', '/api/auth/login')[0].body).toEqual({ email: 'lead1@switchboard.demo', password: 'demo-password' });
    expect(view.router.currentRoute.value.path).toBe('/');
  });

  it('opens the page the app chooses for the signed-in user', async () => {
    api.use(mockLogin(loginResponseFixture({ user: userFixture({ role: 'team_lead' }) })));

    const view = await signInWith((user) => `/welcome/${user.role}`);

    expect(view.router.currentRoute.value.path).toBe('/welcome/team_lead');
  });

  it.each([
    ['goes back to the page the guard sent them from', '/login?redirect=%2Fclients%2Fc-1%2Fstatements%2F2026-11', '/clients/c-1/statements/2026-11'],
    ['never to another site', '/login?redirect=%2F%2Fevil.example%2Fphish', '/'],
    ['never to a full address', '/login?redirect=https%3A%2F%2Fevil.example', '/'],
  ])('%s', async (_name, route, landed) => {
    api.use(mockLogin(loginResponseFixture()));
    const view = await signInWith(undefined, route);
    expect(view.router.currentRoute.value.path).toBe(landed);
  });
});
