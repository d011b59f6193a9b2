import { apiConfig } from './api-config.util';
import { ApiError, isErrorResponse, unexpectedError, unreachableError } from './api-error.exception';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  body?: unknown;
  /** Bearer access token; omitted for public operations. */
  token?: string | null;
  /** A file sent as it is (not JSON): its own Content-Type, with these extra headers. */
  file?: { content: Blob; contentType: string; headers?: Record<string, string> };
}

/**
 * One HTTP exchange with the API, nothing more: JSON in, JSON out, `ErrorResponse` → `ApiError`.
 * Session handling (refresh and retry) lives in `apiRequest`.
 */
export async function sendJson<T>(method: HttpMethod, path: string, options: SendOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.file) Object.assign(headers, options.file.headers, { 'Content-Type': options.file.contentType });
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(`${apiConfig().baseUrl}${path}`, {
      method,
      headers,
      body: options.file ? options.file.content : options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw unreachableError();
  }

  if (response.status === 204) return undefined as T;
  return await jsonOf<T>(response);
}

/** A file from the API (`GET`), as a Blob; an error answer becomes an `ApiError` as usual. */
export async function fetchBlob(path: string, token: string | null): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`${apiConfig().baseUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw unreachableError();
  }
  if (response.ok) return await response.blob();
  return await jsonOf<never>(response);
}

async function jsonOf<T>(response: Response): Promise<T> {
  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      throw unexpectedError(response.status);
    }
  }
  if (response.ok) return payload as T;
  if (isErrorResponse(payload)) throw new ApiError(response.status, payload.error);
  throw unexpectedError(response.status);
}
