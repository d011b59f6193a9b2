import type { ClientRef, MeResponse, TeamRef } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';
import { userFixture } from '../auth/auth.mock';

export function clientRefFixture(overrides: Partial<ClientRef> = {}): ClientRef {
  return { id: 'client-northwind', slug: 'northwind', name: 'Northwind Traders', brandColor: '#1d4ed8', ...overrides };
}

export function teamRefFixture(overrides: Partial<TeamRef> = {}): TeamRef {
  return { id: 'team-colombo', name: 'Colombo Day', membership: 'member', ...overrides };
}

export function meResponseFixture(overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    user: userFixture(),
    clients: [clientRefFixture(), clientRefFixture({ id: 'client-globex', slug: 'globex', name: 'Globex Retail', brandColor: '#e11d48' })],
    teams: [teamRefFixture()],
    ...overrides,
  };
}

export const mockGetMe = (reply: MockReply<MeResponse>, options?: MockRouteOptions) => mockRoute('GET', '/api/me', reply, options);

export const mockLogout = (reply: MockReply<void> = undefined, options?: MockRouteOptions) =>
  mockRoute('POST', '/api/auth/logout', reply, options);
