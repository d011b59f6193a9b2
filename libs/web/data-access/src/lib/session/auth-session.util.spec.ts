import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginResponseFixture, mockRefreshTokens, seedSession } from '../auth/auth.mock';
import { apiFailure, installApiMock, type ApiMock } from '../http/api-mock.util';
import { getAccessToken, onSessionEnded, sessionSocketAuth } from './auth-session.util';

describe('sessionSocketAuth', () => {
  let api: ApiMock;
  beforeEach(() => {
    sessionStorage.clear();
    api = installApiMock();
  });
  afterEach(() => api.restore());

  it('offers the current access token at every connection attempt', () => {
    expect(sessionSocketAuth.auth()).toEqual({ token: '' });
    seedSession(undefined, { accessToken: 'access-1' });
    expect(sessionSocketAuth.auth()).toEqual({ token: 'access-1' });
  });

  it('says whether refreshing an expired token worked', async () => {
    seedSession(undefined, { accessToken: 'old-access', refreshToken: 'old-refresh' });
    api.use(mockRefreshTokens(loginResponseFixture({ accessToken: 'new-access' }), { once: true }));
    await expect(sessionSocketAuth.refreshAuth()).resolves.toBe(true);
    expect(getAccessToken()).toBe('new-access');

    api.use(mockRefreshTokens(apiFailure(401, 'AUTH_REFRESH_INVALID', 'Please sign in again.')));
    await expect(sessionSocketAuth.refreshAuth()).resolves.toBe(false);
  });

  it('ends the session when the server refuses it, and only then', () => {
    seedSession();
    const endedReasons: (string | null)[] = [];
    const stop = onSessionEnded((reason) => endedReasons.push(reason));

    sessionSocketAuth.onRejected({ code: 'ORIGIN_NOT_ALLOWED', message: 'This site may not connect.' });
    expect(getAccessToken()).not.toBeNull();
    sessionSocketAuth.onRejected({ code: 'AUTH_SESSION_REVOKED', message: 'You were signed out by an admin.' });
    stop();

    expect(getAccessToken()).toBeNull();
    expect(endedReasons).toEqual(['You were signed out by an admin.']);
  });
});
