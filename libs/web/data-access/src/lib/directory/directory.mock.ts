import type { AgentDirectoryView, Page, SkillView, StaffAccountView, TeamView } from '@switchboard/shared-contracts';
import { mockRoute, onePage, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function skillFixture(overrides: Partial<SkillView> = {}): SkillView {
  return { id: 'skill-billing', key: 'billing', name: 'Billing', agentCount: 2, ...overrides };
}

export function teamFixture(overrides: Partial<TeamView> = {}): TeamView {
  return { id: 'team-manila', name: 'Manila A', timeZone: 'Asia/Manila', memberCount: 1, leadNames: ['Lee Lead'], clientIds: ['client-northwind'], ...overrides };
}

export function staffAccountFixture(overrides: Partial<StaffAccountView> = {}): StaffAccountView {
  return { id: 'lead-lee', email: 'lee@switchboard.demo', displayName: 'Lee Lead', role: 'team_lead', disabled: false, teamName: 'Manila A', createdAt: '2025-01-01T09:00:00.000Z', ...overrides };
}

export function agentDirectoryFixture(overrides: Partial<AgentDirectoryView> = {}): AgentDirectoryView {
  return {
    id: 'agent-ana',
    email: 'ana@switchboard.demo',
    displayName: 'Ana Reyes',
    role: 'agent',
    disabled: false,
    clientIds: ['client-northwind'],
    skills: [{ skillId: 'skill-billing', key: 'billing', name: 'Billing', proficiency: 4 }],
    languages: ['en'],
    capacity: { voice: 1, chat: 3, email: 5, social: 3 },
    timeZone: 'Asia/Manila',
    shiftSchedule: { mon: [{ start: '09:00', end: '17:00' }] },
    teamId: 'team-manila',
    teamName: 'Manila A',
    createdAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export const mockListSkills = (reply: MockReply<SkillView[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/skills', onePage(reply), options);
export const mockListSkillsPage = (path: string, reply: MockReply<Page<SkillView>>, options?: MockRouteOptions) => mockRoute('GET', path, reply, options);
export const mockCreateSkill = (reply: MockReply<SkillView>, options?: MockRouteOptions) => mockRoute('POST', '/api/skills', reply, options);
export const mockListTeams = (reply: MockReply<TeamView[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/teams', onePage(reply), options);
export const mockListAgents = (reply: MockReply<AgentDirectoryView[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/agents', onePage(reply), options);
export const mockCreateAgent = (reply: MockReply<AgentDirectoryView>, options?: MockRouteOptions) => mockRoute('POST', '/api/agents', reply, options);
export const mockUpdateAgent = (userId: string, reply: MockReply<AgentDirectoryView>, options?: MockRouteOptions) => mockRoute('PATCH', `/api/agents/${userId}`, reply, options);
export const mockCreateTeam = (reply: MockReply<TeamView>, options?: MockRouteOptions) => mockRoute('POST', '/api/teams', reply, options);
export const mockUpdateTeam = (teamId: string, reply: MockReply<TeamView>, options?: MockRouteOptions) => mockRoute('PATCH', `/api/teams/${teamId}`, reply, options);
export const mockListTeamMembers = (teamId: string, reply: MockReply<AgentDirectoryView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/agents?teamId=${teamId}`, onePage(reply), options);
export const mockListAccounts = (reply: MockReply<StaffAccountView[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/accounts', onePage(reply), options);
export const mockCreateAccount = (reply: MockReply<StaffAccountView>, options?: MockRouteOptions) => mockRoute('POST', '/api/accounts', reply, options);
export const mockUpdateAccount = (userId: string, reply: MockReply<StaffAccountView>, options?: MockRouteOptions) => mockRoute('PATCH', `/api/accounts/${userId}`, reply, options);
