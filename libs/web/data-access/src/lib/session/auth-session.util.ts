import { ErrorCode, type ErrorBody, type LoginResponse, type UserView } from '@switchboard/shared-contracts';
import { refreshTokens } from '../auth/auth.api';
import { apiConfig } from '../http/api-config.util';
import { ApiError } from '../http/api-error.exception';

/**
 * The signed-in session of this browser tab. Tokens live in sessionStorage (per tab, gone when the
 * tab closes), never in localStorage. Refresh tokens rotate: every refresh stores the new pair.
 */
interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: UserView;
}

export type SessionEndedListener = (reason: string | null) => void;

const listeners = new Set<SessionEndedListener>();
let refreshing: Promise<void> | null = null;

function storage(): Storage | null {
  return typeof sessionStorage === 'undefined' ? null : sessionStorage;
}

function read(): StoredSession | null {
  const raw = storage()?.getItem(apiConfig().storageKey);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && value.user) {
      return value as StoredSession;
    }
  } catch {
    // A corrupt entry is treated as no session; it is overwritten at the next sign-in.
  }
  return null;
}

function write(session: StoredSession): void {
  storage()?.setItem(apiConfig().storageKey, JSON.stringify(session));
}

export function getAccessToken(): string | null {
  return read()?.accessToken ?? null;
}

export function getStoredUser(): UserView | null {
  return read()?.user ?? null;
}

export function startSession(login: LoginResponse): void {
  write({ accessToken: login.accessToken, refreshToken: login.refreshToken, user: login.user });
}

/** Clears the session and tells every listener (stores, router) why, e.g. "Your session has expired". */
export function endSession(reason: string | null = null): void {
  const hadSession = read() !== null;
  storage()?.removeItem(apiConfig().storageKey);
  if (hadSession) listeners.forEach((listener) => listener(reason));
}

export function onSessionEnded(listener: SessionEndedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Exchanges the refresh token for a new pair. Concurrent callers share one request. A refusal by the
 * API ends the session; a network failure or a rate limit does not (the tokens may still be good).
 */
export function refreshSession(): Promise<void> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(): Promise<void> {
  const current = read();
  if (!current) throw new ApiError(401, { code: ErrorCode.AuthRequired, message: 'Please sign in.' });
  try {
    const next = await refreshTokens({ refreshToken: current.refreshToken });
    startSession(next);
  } catch (error) {
    // Refused (bad, reused or revoked refresh token): sign out. Rate limits and outages: keep the tokens.
    if (error instanceof ApiError && [400, 401, 403].includes(error.status)) {
      endSession('Your session has ended. Please sign in again.');
    }
    throw error;
  }
}

/**
 * How a signed-in tab authenticates its live connection, to spread into `connectRealtime` options:
 * the current access token at every (re)connection, one refresh when it has expired, and the end of
 * the session when the server refuses it for good.
 */
export const sessionSocketAuth = {
  auth: (): Record<string, string> => ({ token: getAccessToken() ?? '' }),
  refreshAuth: (): Promise<boolean> =>
    refreshSession().then(
      () => true,
      () => false,
    ),
  onRejected: (reason: ErrorBody): void => {
    if (reason.code.startsWith('AUTH_')) endSession(reason.message);
  },
};
