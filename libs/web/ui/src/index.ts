import './lib/theme/base.css';

export * from './lib/theme/primevue.util';
export * from './lib/clients/brand-color.util';
export * from './lib/time/duration.util';
export * from './lib/time/use-now';
export * from './lib/format/labels.util';
export * from './lib/audit/audit-labels.util';
export * from './lib/files/save-file.util';
export { default as ClientChip } from './lib/clients/ClientChip.vue';
export { default as ElapsedTime } from './lib/time/ElapsedTime.vue';
export { default as ConnectionIndicator } from './lib/connection/ConnectionIndicator.vue';
export { default as AppTopBar } from './lib/layout/AppTopBar.vue';
export { default as LoginForm } from './lib/auth/LoginForm.vue';
export { default as LoginScreen } from './lib/auth/LoginScreen.vue';
export { default as WrongAppNotice } from './lib/auth/WrongAppNotice.vue';
export { default as AppRoot } from './lib/layout/AppRoot.vue';
export { default as AppShell } from './lib/layout/AppShell.vue';
export { default as AuditLog } from './lib/audit/AuditLog.vue';

// The component-test helper (tree-shaken out of app builds).
export * from './lib/testing/dom-queries.util';
export * from './lib/testing/render-component.util';
