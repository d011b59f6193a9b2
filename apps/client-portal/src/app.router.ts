import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { isStaffRole } from '@switchboard/shared-contracts';
import { useSessionStore } from '@switchboard/web-data-access';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

export const portalRoutes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
  { path: '/clients-only', name: 'clients-only', component: () => import('./pages/ClientsOnlyPage.vue') },
  {
    path: '/',
    component: () => import('./layout/PortalLayout.vue'),
    children: [{ path: '', name: 'overview', component: () => import('./pages/OverviewPage.vue') }],
  },
  { path: '/:path(.*)*', redirect: '/' },
];

/** Client users only: staff who sign in here are told, politely, where they belong. */
export function createPortalRouter(history: RouterHistory) {
  const router = createRouter({ history, routes: portalRoutes });
  router.beforeEach((to) => {
    const user = useSessionStore().user;
    if (to.meta.public) return user && to.name === 'login' ? { path: '/' } : true;
    if (!user) return { name: 'login' };
    const isClientUser = !isStaffRole(user.role) && user.clientId !== null;
    if (!isClientUser) return to.name === 'clients-only' ? true : { name: 'clients-only' };
    if (to.name === 'clients-only') return { path: '/' };
    return true;
  });
  return router;
}
