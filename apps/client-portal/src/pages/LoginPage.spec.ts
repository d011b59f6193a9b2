import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFailure, endSession, installApiMock, mockLogin, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent } from '@switchboard/web-ui';
import LoginPage from './LoginPage.vue';

describe('LoginPage (client portal)', () => {
  let api: ApiMock;
  beforeEach(() => {
    api = installApiMock();
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it("shows the API's message when signing in is rate limited", async () => {
    api.use(mockLogin(apiFailure(429, 'AUTH_RATE_LIMITED', 'Too many sign-in attempts.')));
    const view = await renderComponent(LoginPage, { route: '/login' });

    await view.type(view.getByLabelText('Email'), 'viewer@northwind.demo');
    await view.type(view.getByLabelText('Password'), 'nope');
    await view.click(view.getByRole('button', { name: 'Sign in' }));

    expect(view.getByRole('alert').textContent).toContain('Too many sign-in attempts. Wait a moment before trying again.');
  });
});
