import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { getMe } from '../account/account.api';
import { meResponseFixture, mockGetMe, mockLogout } from '../account/account.mock';
import { loginResponseFixture, mockLogin, mockRefreshTokens, seedSession } from '../auth/auth.mock';
import { endSession, getAccessToken, onSessionEnded } from '../session/auth-session.util';
import { useSessionStore } from '../session/session.store';
import { downloadAttachment, uploadAttachment } from '../tickets/tickets.api';
import { mockDownloadAttachment, mockUploadAttachment, uploadedAttachmentFixture } from '../tickets/tickets.mock';
import { configureApi } from './api-config.util';
import { apiFailure, FileReply, installApiMock, type ApiMock } from './api-mock.util';

describe('apiRequest and the session', () => {
  let api: ApiMock;
  const endedReasons: (string | null)[] = [];
  let stop: () => void;

  beforeEach(() => {
    configureApi({ storageKey: 'test.session' });
    sessionStorage.clear();
    localStorage.clear();
    endedReasons.length = 0;
    stop = onSessionEnded((reason) => endedReasons.push(reason));
    api = installApiMock();
  });

  afterEach(() => {
    stop();
    api.restore();
  });

  it('refreshes an expired access token once, keeps the rotated refresh token and retries', async () => {
    seedSession(undefined, { accessToken: 'old-access', refreshToken: 'old-refresh' });
    api.use(
      mockGetMe(meResponseFixture()),
      mockGetMe(apiFailure(401, 'AUTH_TOKEN_EXPIRED', 'Access token expired.'), { once: true }),
      mockRefreshTokens(loginResponseFixture({ accessToken: 'new-access', refreshToken: 'new-refresh' })),
    );

    const me = await getMe();

    expect(me.user.displayName).toBe('Asha Perera');
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
    expect(api.callsTo('POST', '/api/auth/refresh')[0].body).toEqual({ refreshToken: 'old-refresh' });
    expect(api.calls[2].authorization).toBe('Bearer new-access');
    expect(getAccessToken()).toBe('new-access');
    expect(sessionStorage.getItem('test.session')).toContain('new-refresh');
    expect(localStorage.length).toBe(0);
  });

  it('uploads a file as the raw body with its type and URL-encoded name, and downloads with the token in the header after a refresh', async () => {
    seedSession(undefined, { accessToken: 'old-access' });
    api.use(
      mockUploadAttachment('t-1', uploadedAttachmentFixture({ id: 'a-1' })),
      mockUploadAttachment('t-1', apiFailure(401, 'AUTH_TOKEN_EXPIRED', 'Access token expired.'), { once: true }),
      mockRefreshTokens(loginResponseFixture({ accessToken: 'new-access' })),
      mockDownloadAttachment('a-1', new FileReply('%PDF-1.4', 'application/pdf')),
    );
    const file = new File(['%PDF-1.4'], 'Überweisung März.pdf', { type: 'application/pdf' });
    expect((await uploadAttachment('t-1', file)).id).toBe('a-1');
    const uploads = api.callsTo('POST', '/api/tickets/t-1/attachments');
    expect(uploads).toHaveLength(2); // refused with the old token, then sent again with the new one
    expect(uploads[1]).toMatchObject({ authorization: 'Bearer new-access', rawBody: file });
    expect(uploads[1].headers['content-type']).toBe('application/pdf');
    expect(uploads[1].headers['x-filename']).toBe('%C3%9Cberweisung%20M%C3%A4rz.pdf');

    const blob = await downloadAttachment('a-1');
    expect(await blob.text()).toBe('%PDF-1.4');
    expect(api.callsTo('GET', '/api/attachments/a-1')[0].authorization).toBe('Bearer new-access');
  });

  it('shares one refresh between calls that expire together', async () => {
    seedSession();
    api.use(
      mockGetMe(meResponseFixture()),
      mockGetMe(apiFailure(401, 'AUTH_TOKEN_EXPIRED', 'Access token expired.'), { once: true }),
      mockGetMe(apiFailure(401, 'AUTH_TOKEN_EXPIRED', 'Access token expired.'), { once: true }),
      mockRefreshTokens(loginResponseFixture({ accessToken: 'new-access' })),
    );

    await Promise.all([getMe(), getMe()]);

    expect(api.callsTo('POST', '/api/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh is refused', async () => {
    seedSession();
    api.use(
      mockGetMe(apiFailure(401, 'AUTH_TOKEN_EXPIRED', 'Access token expired.')),
      mockRefreshTokens(apiFailure(401, 'AUTH_REFRESH_INVALID', 'Refresh token is no longer valid.')),
    );

    await expect(getMe()).rejects.toMatchObject({ code: 'AUTH_REFRESH_INVALID' });
    expect(getAccessToken()).toBeNull();
    expect(endedReasons).toEqual(['Your session has ended. Please sign in again.']);
  });

  it('keeps the session when the refresh is only rate limited', async () => {
    seedSession();
    api.use(
      mockGetMe(apiFailure(401, 'AUTH_TOKEN_EXPIRED', 'Access token expired.')),
      mockRefreshTokens(apiFailure(429, 'AUTH_RATE_LIMITED', 'Slow down.')),
    );

    await expect(getMe()).rejects.toMatchObject({ code: 'AUTH_RATE_LIMITED' });
    expect(getAccessToken()).not.toBeNull();
    expect(endedReasons).toEqual([]);
    endSession();
  });

  it('ends the session on any other authentication failure', async () => {
    seedSession();
    api.use(mockGetMe(apiFailure(401, 'AUTH_SESSION_REVOKED', 'You were signed out.')));

    await expect(getMe()).rejects.toMatchObject({ message: 'You were signed out.' });
    expect(endedReasons).toEqual(['You were signed out.']);
  });

  it('turns an unreachable API into a readable error', async () => {
    api.restore();
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    seedSession();

    await expect(getMe()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 0 });
    endSession();
  });

  it('signs in through the session store and forgets everything on sign-out', async () => {
    setActivePinia(createPinia());
    api.use(mockLogin(loginResponseFixture()), mockLogout());
    const session = useSessionStore();

    await session.signIn('agent1@switchboard.demo', 'demo-password');
    expect(session.isAuthenticated).toBe(true);
    expect(api.callsTo('POST', '/api/auth/login')[0].body).toEqual({ email: 'agent1@switchboard.demo', password: 'demo-password' });

    await session.signOut();
    expect(session.isAuthenticated).toBe(false);
    expect(sessionStorage.getItem('test.session')).toBeNull();
  });
});
