import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { isStaffRole, Role } from '@switchboard/shared-contracts';
import { useSessionStore } from '@switchboard/web-data-access';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Roles allowed; any staff role when omitted. */
    roles?: Role[];
  }
}

/** Who watches the floor: the team board and the queue. */
const LEAD_ROLES: Role[] = [Role.TeamLead, Role.Admin];

export const consoleRoutes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
  { path: '/staff-only', name: 'staff-only', component: () => import('./pages/StaffOnlyPage.vue') },
  {
    path: '/',
    component: () => import('./layout/ConsoleLayout.vue'),
    children: [
      // Agents start at their desk; team leads and admins on the board they watch.
      { path: '', name: 'home', redirect: () => (useSessionStore().user?.role === Role.Agent ? { name: 'tickets' } : { name: 'board' }) },
      { path: 'status', name: 'status', component: () => import('./pages/StatusPage.vue') },
      {
        path: 'tickets',
        component: () => import('./pages/TicketsPage.vue'),
        children: [
          { path: '', name: 'tickets', component: () => import('./pages/NoTicketPage.vue') },
          { path: ':ticketId', name: 'ticket', component: () => import('./pages/TicketPage.vue'), props: true },
        ],
      },
      { path: 'board', name: 'board', component: () => import('./pages/BoardPage.vue'), meta: { roles: LEAD_ROLES } },
      { path: 'queue', name: 'queue', component: () => import('./pages/QueuePage.vue'), meta: { roles: LEAD_ROLES } },
      { path: 'admin/desk', name: 'admin-desk', component: () => import('./pages/DeskAdminPage.vue'), meta: { roles: [Role.Admin] } },
      { path: 'admin/routing', name: 'admin-routing', component: () => import('./pages/RoutingAdminPage.vue'), meta: { roles: [Role.Admin] } },
      { path: 'admin/scorecards', name: 'admin-scorecards', component: () => import('./pages/ScorecardAdminPage.vue'), meta: { roles: [Role.Admin] } },
      // Quality: leads review and settle disputes; agents read, acknowledge and dispute their own evaluations.
      { path: 'qa', name: 'qa', component: () => import('./pages/QaReviewsPage.vue'), meta: { roles: LEAD_ROLES } },
      { path: 'qa/calibration/:sessionId', name: 'calibration', component: () => import('./pages/CalibrationPage.vue'), props: true, meta: { roles: LEAD_ROLES } },
      { path: 'qa/evaluations/:evaluationId', name: 'evaluation', component: () => import('./pages/EvaluationPage.vue'), props: true },
      { path: 'my-quality', name: 'my-quality', component: () => import('./pages/MyQualityPage.vue'), meta: { roles: [Role.Agent] } },
      { path: 'admin/audit', name: 'admin-audit', component: () => import('./pages/AuditLogPage.vue'), meta: { roles: [Role.Admin] } },
      { path: 'admin/directory/:section(clients|agents|teams|skills|accounts)?', name: 'admin-directory', component: () => import('./pages/DirectoryAdminPage.vue'), meta: { roles: [Role.Admin] } },
    ],
  },
  { path: '/:path(.*)*', redirect: '/' },
];

export function createConsoleRouter(history: RouterHistory) {
  const router = createRouter({ history, routes: consoleRoutes });
  router.beforeEach((to) => {
    const session = useSessionStore();
    const user = session.user;
    if (to.meta.public) return user && to.name === 'login' ? { path: '/' } : true;
    if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    if (!isStaffRole(user.role)) return to.name === 'staff-only' ? true : { name: 'staff-only' };
    if (to.name === 'staff-only') return { path: '/' };
    if (to.meta.roles && !to.meta.roles.includes(user.role)) return { path: '/' };
    return true;
  });
  return router;
}
