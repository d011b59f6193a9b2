import type { AgentPresence, AgentProfileView, BoardAgent, SetPresenceRequest } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function presenceFixture(overrides: Partial<AgentPresence> = {}): AgentPresence {
  return { userId: 'user-agent-1', state: 'offline', reason: null, since: new Date().toISOString(), connected: true, ...overrides };
}

export function agentProfileFixture(overrides: Partial<AgentProfileView> = {}): AgentProfileView {
  return {
    userId: 'user-agent-1',
    timeZone: 'Asia/Colombo',
    languages: ['en', 'es'],
    skills: [
      { skill: 'billing', name: 'Billing', proficiency: 4 },
      { skill: 'returns', name: 'Returns', proficiency: 2 },
    ],
    capacity: { chat: 3, email: 5, voice: 1 },
    clientIds: ['client-northwind', 'client-globex'],
    onShift: true,
    presence: presenceFixture(),
    ...overrides,
  };
}

export function boardAgentFixture(overrides: Partial<BoardAgent> = {}): BoardAgent {
  return {
    ...presenceFixture(),
    displayName: 'Asha Perera',
    email: 'agent1@switchboard.demo',
    teamId: 'team-colombo',
    teamName: 'Colombo Day',
    timeZone: 'Asia/Colombo',
    onShift: true,
    connected: true,
    clientIds: ['client-northwind'],
    languages: ['en'],
    skills: [],
    ...overrides,
  };
}

export const mockGetMyAgentProfile = (reply: MockReply<AgentProfileView>, options?: MockRouteOptions) =>
  mockRoute('GET', '/api/presence/me', reply, options);

/** With no reply given, answers like the API would: the requested state, entered now. */
export const mockSetMyPresence = (reply?: MockReply<AgentPresence>, options?: MockRouteOptions) =>
  mockRoute<AgentPresence>(
    'PUT',
    '/api/presence/me',
    reply ??
      ((call) => {
        const request = call.body as SetPresenceRequest;
        return presenceFixture({ state: request.state, reason: request.reason ?? null });
      }),
    options,
  );

export const mockGetPresenceBoard = (reply: MockReply<BoardAgent[]>, options?: MockRouteOptions) =>
  mockRoute('GET', '/api/presence/board', reply, options);
