import { ErrorCode } from '@switchboard/shared-contracts';
import { endSession, getAccessToken, refreshSession } from '../session/auth-session.util';
import { ApiError } from './api-error.exception';
import { sendJson, type HttpMethod } from './http-transport.util';

/**
 * An authenticated API call. An expired access token is refreshed once and the call retried;
 * any other authentication failure ends the session (the app then shows its login page).
 */
export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  try {
    return await sendJson<T>(method, path, { body, token: getAccessToken() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    if (error.code !== ErrorCode.AuthTokenExpired) {
      endSession(error.message);
      throw error;
    }
  }
  await refreshSession();
  try {
    return await sendJson<T>(method, path, { body, token: getAccessToken() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) endSession(error.message);
    throw error;
  }
}
