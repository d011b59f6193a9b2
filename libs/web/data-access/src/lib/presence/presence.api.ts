import type { AgentPresence, AgentProfileView, BoardAgent, SetPresenceRequest } from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';

/** `GET /api/presence/me`: the caller's agent profile. 404 NOT_FOUND when they have none. */
export function getMyAgentProfile(): Promise<AgentProfileView> {
  return apiRequest<AgentProfileView>('GET', '/api/presence/me');
}

/** `PUT /api/presence/me`: the HTTP twin of the socket's `presence.set`. */
export function setMyPresence(request: SetPresenceRequest): Promise<AgentPresence> {
  return apiRequest<AgentPresence>('PUT', '/api/presence/me', request);
}

/** `GET /api/presence/board`: agents of the teams the caller leads (admin: all agents). */
export function getPresenceBoard(): Promise<BoardAgent[]> {
  return apiRequest<BoardAgent[]>('GET', '/api/presence/board');
}
