import type { AgentChangeRequest, AgentCreateRequest, AgentDirectoryView, Page, SkillRequest, SkillView, TeamView } from '@switchboard/shared-contracts';
import { afterQuery, allPages, apiRequest } from '../http/http-client.util';

const query = (parts: Record<string, string | null | undefined | false>) => {
  const q = Object.entries(parts)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${encodeURIComponent(value as string)}`)
    .join('&');
  return q ? `?${q}` : '';
};

/** `GET /api/skills`: a page of the catalogue by key; `q` searches key and name (leads and admins). */
export function listSkillsPage(after: string | null = null, q = ''): Promise<Page<SkillView>> {
  return apiRequest<Page<SkillView>>('GET', `/api/skills${query({ q, after })}`);
}

/** The whole catalogue, page after page (pickers need every skill). */
export function listSkills(): Promise<SkillView[]> {
  return allPages((after) => listSkillsPage(after));
}

/** `POST /api/skills` (admins). */
export function createSkill(request: SkillRequest): Promise<SkillView> {
  return apiRequest<SkillView>('POST', '/api/skills', request);
}

/** `PATCH /api/skills/:id` (admins): a new name; the key is fixed. */
export function renameSkill(skillId: string, name: string): Promise<SkillView> {
  return apiRequest<SkillView>('PATCH', `/api/skills/${encodeURIComponent(skillId)}`, { name });
}

/** `DELETE /api/skills/:id` (admins): only a skill no agent holds and no queue asks for. */
export function deleteSkill(skillId: string): Promise<void> {
  return apiRequest<void>('DELETE', `/api/skills/${encodeURIComponent(skillId)}`);
}

/** Every team (leads and admins), page after page. */
export function listTeams(): Promise<TeamView[]> {
  return allPages((after) => apiRequest<Page<TeamView>>('GET', `/api/teams${afterQuery(after)}`));
}

export interface AgentListFilter {
  q?: string;
  clientId?: string | null;
  includeDisabled?: boolean;
}

/** `GET /api/agents` (admins): a page of agents and leads by name. */
export function listAgentsPage(after: string | null = null, filter: AgentListFilter = {}): Promise<Page<AgentDirectoryView>> {
  return apiRequest<Page<AgentDirectoryView>>('GET', `/api/agents${query({ q: filter.q, clientId: filter.clientId, includeDisabled: filter.includeDisabled ? 'true' : null, after })}`);
}

/** `POST /api/agents` (admins). */
export function createAgent(request: AgentCreateRequest): Promise<AgentDirectoryView> {
  return apiRequest<AgentDirectoryView>('POST', '/api/agents', request);
}

/** `PATCH /api/agents/:id` (admins): only what is given changes; `disabled: true` signs the agent out at once. */
export function updateAgent(userId: string, change: AgentChangeRequest): Promise<AgentDirectoryView> {
  return apiRequest<AgentDirectoryView>('PATCH', `/api/agents/${encodeURIComponent(userId)}`, change);
}
