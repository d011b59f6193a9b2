import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import type { UserView } from '@switchboard/shared-contracts';
import { endSession, getAccessToken, installApiMock, mockLogout, seedSession, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent } from '../testing/render-component.util';
import WrongAppNotice from './WrongAppNotice.vue';

const Notice = {
  render: () =>
    h(
      WrongAppNotice,
      { title: 'This portal is for client users', appHref: '/', appLabel: 'Open the agent console' },
      { default: ({ user }: { user: UserView | null }) => `You are signed in as ${user?.displayName}.` },
    ),
};

describe('WrongAppNotice', () => {
  let api: ApiMock;
  beforeEach(() => {
    api = installApiMock(mockLogout());
    seedSession(userFixture({ displayName: 'Lena Lead', role: 'team_lead' }));
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('says who is signed in and links to the app they belong in', async () => {
    const view = await renderComponent(Notice);

    expect(view.getByRole('heading', { name: 'This portal is for client users' })).toBeTruthy();
    expect(view.getByText('You are signed in as Lena Lead.')).toBeTruthy();
    expect(view.getByRole('link', { name: 'Open the agent console' }).getAttribute('href')).toBe('/');
  });

  it('signs out', async () => {
    const view = await renderComponent(Notice);

    await view.click(view.getByRole('button', { name: 'Sign out' }));

    expect(api.callsTo('POST', '/api/auth/logout')).toHaveLength(1);
    expect(getAccessToken()).toBeNull();
  });
});
