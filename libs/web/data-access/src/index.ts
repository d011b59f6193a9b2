export * from './lib/http/api-config.util';
export * from './lib/http/api-error.exception';
export * from './lib/http/http-client.util';
export * from './lib/session/auth-session.util';
export * from './lib/session/session.store';
export * from './lib/auth/auth.api';
export * from './lib/account/account.api';
export * from './lib/clients/clients.api';
export * from './lib/presence/presence.api';
export * from './lib/widget/widget.api';
export * from './lib/tickets/tickets.api';
export * from './lib/offers/offers.api';
export * from './lib/desk/desk.api';
export * from './lib/routing/routing.api';
export * from './lib/directory/directory.api';

// Typed mocks for component tests (tree-shaken out of app builds).
export * from './lib/http/api-mock.util';
export * from './lib/auth/auth.mock';
export * from './lib/account/account.mock';
export * from './lib/clients/clients.mock';
export * from './lib/presence/presence.mock';
export * from './lib/widget/widget.mock';
export * from './lib/tickets/tickets.mock';
export * from './lib/offers/offers.mock';
export * from './lib/desk/desk.mock';
export * from './lib/routing/routing.mock';
export * from './lib/directory/directory.mock';
