import type { LoginRequest, LoginResponse, RefreshRequest } from '@switchboard/shared-contracts';
import { sendJson } from '../http/http-transport.util';

/** `POST /api/auth/login` (public). 401 AUTH_INVALID_CREDENTIALS, 429 AUTH_RATE_LIMITED. */
export function login(request: LoginRequest): Promise<LoginResponse> {
  return sendJson<LoginResponse>('POST', '/api/auth/login', { body: request });
}

/** `POST /api/auth/refresh` (public). Rotates the refresh token: always keep the new one. */
export function refreshTokens(request: RefreshRequest): Promise<LoginResponse> {
  return sendJson<LoginResponse>('POST', '/api/auth/refresh', { body: request });
}
