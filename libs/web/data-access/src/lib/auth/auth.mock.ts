import type { LoginResponse, UserView } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';
import { startSession } from '../session/auth-session.util';

export function userFixture(overrides: Partial<UserView> = {}): UserView {
  return {
    id: 'user-agent-1',
    email: 'agent1@switchboard.demo',
    displayName: 'Asha Perera',
    role: 'agent',
    clientId: null,
    ...overrides,
  };
}

export function loginResponseFixture(overrides: Partial<LoginResponse> = {}): LoginResponse {
  return {
    accessToken: 'access-token-1',
    expiresIn: 900,
    refreshToken: 'refresh-token-1',
    user: userFixture(),
    ...overrides,
  };
}

/** Starts a session in sessionStorage as if the user had just signed in. */
export function seedSession(user: UserView = userFixture(), tokens: Partial<LoginResponse> = {}): LoginResponse {
  const response = loginResponseFixture({ ...tokens, user });
  startSession(response);
  return response;
}

export const mockLogin = (reply: MockReply<LoginResponse>, options?: MockRouteOptions) =>
  mockRoute('POST', '/api/auth/login', reply, options);

export const mockRefreshTokens = (reply: MockReply<LoginResponse>, options?: MockRouteOptions) =>
  mockRoute('POST', '/api/auth/refresh', reply, options);
