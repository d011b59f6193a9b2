import type {
  AccountRole,
  AgentChangeRequest,
  AgentCreateRequest,
  AgentDirectoryView,
  Page,
  SkillRequest,
  SkillView,
  StaffAccountChangeRequest,
  StaffAccountCreateRequest,
  StaffAccountView,
  TeamRequest,
  TeamView,
} from '@switchboard/shared-contracts';
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

/** `GET /api/teams`: a page of teams by name (leads and admins). */
export function listTeamsPage(after: string | null = null): Promise<Page<TeamView>> {
  return apiRequest<Page<TeamView>>('GET', `/api/teams${afterQuery(after)}`);
}

/** Every team (leads and admins), page after page. */
export function listTeams(): Promise<TeamView[]> {
  return allPages((after) => listTeamsPage(after));
}

/** `POST /api/teams` (admins). */
export function createTeam(request: TeamRequest): Promise<TeamView> {
  return apiRequest<TeamView>('POST', '/api/teams', request);
}

/** `PATCH /api/teams/:id` (admins): a new name and/or time zone. */
export function updateTeam(teamId: string, change: Partial<TeamRequest>): Promise<TeamView> {
  return apiRequest<TeamView>('PATCH', `/api/teams/${encodeURIComponent(teamId)}`, change);
}

/** Every member and lead of a team (admins), page after page. */
export function listTeamMembers(teamId: string): Promise<AgentDirectoryView[]> {
  return allPages((after) => apiRequest<Page<AgentDirectoryView>>('GET', `/api/agents${query({ teamId, after })}`));
}

export interface AccountListFilter {
  q?: string;
  role?: AccountRole | null;
  includeDisabled?: boolean;
}

/** `GET /api/accounts` (admins): a page of team lead and admin accounts by name. */
export function listAccountsPage(after: string | null = null, filter: AccountListFilter = {}): Promise<Page<StaffAccountView>> {
  return apiRequest<Page<StaffAccountView>>('GET', `/api/accounts${query({ q: filter.q, role: filter.role, includeDisabled: filter.includeDisabled ? 'true' : null, after })}`);
}

/** `POST /api/accounts` (admins): a new team lead or admin. */
export function createAccount(request: StaffAccountCreateRequest): Promise<StaffAccountView> {
  return apiRequest<StaffAccountView>('POST', '/api/accounts', request);
}

/** `PATCH /api/accounts/:id` (admins): a new name, or `disabled` (deactivating signs them out everywhere). */
export function updateAccount(userId: string, change: StaffAccountChangeRequest): Promise<StaffAccountView> {
  return apiRequest<StaffAccountView>('PATCH', `/api/accounts/${encodeURIComponent(userId)}`, change);
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
