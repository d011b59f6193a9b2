import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import { endSession, seedSession } from '@switchboard/web-data-access';
import { renderComponent } from '../testing/render-component.util';
import AppRoot from './AppRoot.vue';

const page = (text: string) => ({ render: () => h('p', text) });
const routes = [
  { path: '/login', name: 'login', component: page('Sign in'), meta: { public: true } },
  { path: '/about', component: page('About Switchboard'), meta: { public: true } },
  { path: '/', component: page('The board') },
];

describe('AppRoot', () => {
  afterEach(() => endSession());

  it('shows the page of the current route', async () => {
    seedSession();
    const view = await renderComponent(AppRoot, { routes, route: '/' });
    expect(view.getByText('The board')).toBeTruthy();
  });

  it('goes to the login page however the session ends', async () => {
    seedSession();
    const view = await renderComponent(AppRoot, { routes, route: '/' });

    endSession('Your session has ended. Please sign in again.');
    await view.settle();

    expect(view.router.currentRoute.value.name).toBe('login');
    expect(view.getByText('Sign in')).toBeTruthy();
  });

  it('leaves people on pages that need no sign-in', async () => {
    seedSession();
    const view = await renderComponent(AppRoot, { routes, route: '/about' });

    endSession();
    await view.settle();

    expect(view.router.currentRoute.value.path).toBe('/about');
  });
});
