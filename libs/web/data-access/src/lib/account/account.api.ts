import type { MeResponse } from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';

/** `GET /api/me`: the signed-in user with the clients and teams they may see. */
export function getMe(): Promise<MeResponse> {
  return apiRequest<MeResponse>('GET', '/api/me');
}

/** `POST /api/auth/logout`: revokes this session's refresh token. */
export function logout(): Promise<void> {
  return apiRequest<void>('POST', '/api/auth/logout');
}
