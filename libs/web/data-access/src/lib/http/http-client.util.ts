import { ErrorCode, type Page } from '@switchboard/shared-contracts';
import { endSession, getAccessToken, refreshSession } from '../session/auth-session.util';
import { ApiError } from './api-error.exception';
import { fetchBlob, sendJson, type HttpMethod, type SendOptions } from './http-transport.util';

/**
 * An authenticated API call. An expired access token is refreshed once and the call retried;
 * any other authentication failure ends the session (the app then shows its login page).
 */
export function apiRequest<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  return withSession((token) => sendJson<T>(method, path, { body, token }));
}

/** An authenticated upload of a file as the raw request body (its type as Content-Type), answered with JSON. */
export function apiUpload<T>(path: string, file: NonNullable<SendOptions['file']>): Promise<T> {
  return withSession((token) => sendJson<T>('POST', path, { file, token }));
}

/**
 * An authenticated download, as a Blob. The access token goes in the Authorization header as for
 * every call, never in a URL (a link would carry no token, and a token in a URL ends up in logs and history).
 */
export function apiDownload(path: string): Promise<Blob> {
  return withSession((token) => fetchBlob(path, token));
}

async function withSession<T>(call: (token: string | null) => Promise<T>): Promise<T> {
  try {
    return await call(getAccessToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    if (error.code !== ErrorCode.AuthTokenExpired) {
      endSession(error.message);
      throw error;
    }
  }
  await refreshSession();
  try {
    return await call(getAccessToken());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) endSession(error.message);
    throw error;
  }
}

/** `after=` for the next page of a paged list, or nothing for the first. */
export function afterQuery(after: string | null | undefined, separator: '?' | '&' = '?'): string {
  return after ? `${separator}after=${encodeURIComponent(after)}` : '';
}

/** Every item of a paged list, page after page (for views that must show all, like the board's counts). */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = await fetchPage(after);
    items.push(...page.items);
    after = page.nextCursor;
  } while (after);
  return items;
}
