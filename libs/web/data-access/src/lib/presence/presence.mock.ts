import type { AgentPresence, AgentProfileView, BoardAgent, Page, SetPresenceRequest, WhisperRequest, WhisperView } from '@switchboard/shared-contracts';
import { mockRoute, onePage, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

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

/** The whole board as one page; `mockGetPresenceBoardPage` for a given page. */
export const mockGetPresenceBoard = (reply: MockReply<BoardAgent[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/presence/board', onePage(reply), options);
export const mockGetPresenceBoardPage = (after: string | null, reply: MockReply<Page<BoardAgent>>, options?: MockRouteOptions) =>
  mockRoute('GET', after ? `/api/presence/board?after=${after}` : '/api/presence/board', reply, options);

export function whisperFixture(overrides: Partial<WhisperView> = {}): WhisperView {
  return {
    id: 'whisper-1',
    kind: 'whisper',
    messageId: null,
    fromUserId: 'user-lead-1',
    fromName: 'Lea Mercado',
    toUserId: 'user-agent-1',
    ticketId: null,
    ticketReference: null,
    clientId: null,
    body: 'Great save on that last chat.',
    createdAt: new Date().toISOString(),
    readAt: null,
    ...overrides,
  };
}

/** With no reply given, answers like the API would: the requested state, entered now. */
export const mockSetAgentState = (agentId: string, reply?: MockReply<AgentPresence>, options?: MockRouteOptions) =>
  mockRoute<AgentPresence>(
    'PUT',
    `/api/presence/agents/${agentId}`,
    reply ??
      ((call) => {
        const request = call.body as SetPresenceRequest;
        return presenceFixture({ userId: agentId, state: request.state, reason: request.reason ?? null });
      }),
    options,
  );

/** With no reply given, answers like the API would: the whisper as sent. */
export const mockSendWhisper = (agentId: string, reply?: MockReply<WhisperView>, options?: MockRouteOptions) =>
  mockRoute<WhisperView>(
    'POST',
    `/api/presence/agents/${agentId}/whispers`,
    reply ??
      ((call) => {
        const request = call.body as WhisperRequest;
        return whisperFixture({ toUserId: agentId, body: request.body, ticketId: request.ticketId ?? null });
      }),
    options,
  );

export const mockListMyWhispers = (reply: MockReply<WhisperView[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/presence/whispers', reply, options);

export const mockMarkWhisperRead = (whisperId: string, reply?: MockReply<WhisperView>, options?: MockRouteOptions) =>
  mockRoute<WhisperView>('POST', `/api/presence/whispers/${whisperId}/read`, reply ?? (() => whisperFixture({ id: whisperId, readAt: new Date().toISOString() })), options);
