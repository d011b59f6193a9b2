import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { useSessionStore } from '@switchboard/web-data-access';
import { canReadAuditLog, isClientUser, isReportStaff } from './session/portal-roles.util';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Provider staff (admins, team leads) only: the clients side by side. */
    staffOnly?: boolean;
    /** Readers of a client's audit log: its client admins and provider admins. */
    auditReaders?: boolean;
  }
}

export const portalRoutes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
  { path: '/clients-only', name: 'clients-only', component: () => import('./pages/ClientsOnlyPage.vue') },
  {
    path: '/',
    component: () => import('./layout/PortalLayout.vue'),
    children: [
      { path: '', name: 'home', component: { render: () => null } },
      { path: 'clients', name: 'provider-overview', component: () => import('./pages/ProviderOverviewPage.vue'), meta: { staffOnly: true } },
      { path: 'clients/:clientId', name: 'reports', component: () => import('./pages/ReportsPage.vue') },
      { path: 'clients/:clientId/tickets/:kpi', name: 'drill-down', component: () => import('./pages/DrillDownPage.vue') },
      { path: 'clients/:clientId/transcripts/:ticketId', name: 'transcript', component: () => import('./pages/TranscriptPage.vue') },
      { path: 'clients/:clientId/quality', name: 'quality', component: () => import('./pages/QualityPage.vue') },
      { path: 'clients/:clientId/statements/:month', name: 'statement', component: () => import('./pages/StatementPage.vue') },
      { path: 'clients/:clientId/access-log', name: 'access-log', component: () => import('./pages/AccessLogPage.vue'), meta: { auditReaders: true } },
      { path: 'clients/:clientId/account', name: 'account', component: () => import('./pages/OverviewPage.vue') },
      { path: 'not-found', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
    ],
  },
  { path: '/:path(.*)*', redirect: '/' },
];


/**
 * Client users see their own client only (any other client id in a URL is "not found", as the API says);
 * admins and team leads see their clients side by side and each one's reports; agents are pointed to the console.
 */
export function createPortalRouter(history: RouterHistory) {
  const router = createRouter({ history, routes: portalRoutes });
  router.beforeEach((to) => {
    const user = useSessionStore().user;
    if (to.meta.public) return user && to.name === 'login' ? { path: '/' } : true;
    if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    const client = isClientUser(user);
    if (!client && !isReportStaff(user)) return to.name === 'clients-only' ? true : { name: 'clients-only' };
    if (to.name === 'clients-only') return { path: '/' };
    if (to.name === 'home') return client ? { name: 'reports', params: { clientId: user.clientId } } : { name: 'provider-overview' };
    if (client && to.meta.staffOnly) return { name: 'reports', params: { clientId: user.clientId } };
    if (client && to.params['clientId'] !== undefined && to.params['clientId'] !== user.clientId) return { name: 'not-found' };
    if (to.meta.auditReaders && !canReadAuditLog(user)) return { name: 'reports', params: { clientId: to.params['clientId'] } };
    return true;
  });
  return router;
}
