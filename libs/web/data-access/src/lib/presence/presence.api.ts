import type { AgentPresence, AgentProfileView, BoardAgent, Page, SetAgentStateRequest, SetPresenceRequest, WhisperRequest, WhisperView } from '@switchboard/shared-contracts';
import { afterQuery, allPages, apiRequest } from '../http/http-client.util';

/** `GET /api/presence/me`: the caller's agent profile. 404 NOT_FOUND when they have none. */
export function getMyAgentProfile(): Promise<AgentProfileView> {
  return apiRequest<AgentProfileView>('GET', '/api/presence/me');
}

/** `PUT /api/presence/me`: the HTTP twin of the socket's `presence.set`. */
export function setMyPresence(request: SetPresenceRequest): Promise<AgentPresence> {
  return apiRequest<AgentPresence>('PUT', '/api/presence/me', request);
}

/** `GET /api/presence/board`: a page of the agents of the teams the caller leads (admin: all agents), by team and name. */
export function getPresenceBoardPage(after: string | null = null): Promise<Page<BoardAgent>> {
  return apiRequest<Page<BoardAgent>>('GET', `/api/presence/board${afterQuery(after)}`);
}

/** The whole board, page after page: its counts need every agent. */
export function getPresenceBoard(): Promise<BoardAgent[]> {
  return allPages(getPresenceBoardPage);
}

/** `PUT /api/presence/agents/:id`: a lead sets the state of an agent of their teams. */
export function setAgentState(agentId: string, request: SetAgentStateRequest): Promise<AgentPresence> {
  return apiRequest<AgentPresence>('PUT', `/api/presence/agents/${encodeURIComponent(agentId)}`, request);
}

/** `POST /api/presence/agents/:id/whispers`: a lead's private note to an agent of their teams. */
export function sendWhisper(agentId: string, request: WhisperRequest): Promise<WhisperView> {
  return apiRequest<WhisperView>('POST', `/api/presence/agents/${encodeURIComponent(agentId)}/whispers`, request);
}

/** `GET /api/presence/whispers`: the caller's whispers, newest first (at most 50). */
export function listMyWhispers(): Promise<WhisperView[]> {
  return apiRequest<WhisperView[]>('GET', '/api/presence/whispers');
}

/** `POST /api/presence/whispers/:id/read`. */
export function markWhisperRead(whisperId: string): Promise<WhisperView> {
  return apiRequest<WhisperView>('POST', `/api/presence/whispers/${encodeURIComponent(whisperId)}/read`);
}
