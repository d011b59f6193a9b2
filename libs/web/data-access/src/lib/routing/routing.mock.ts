import type { AgentLoad, InboxRouting, QueueSettings, QueueStats, QueueView, TransferTargets } from '@switchboard/shared-contracts';
import { DEFAULT_QUEUE_SETTINGS } from '@switchboard/shared-domain';
import { mockRoute, onePage, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function queueViewFixture(overrides: Partial<QueueView> = {}): QueueView {
  return {
    ...DEFAULT_QUEUE_SETTINGS,
    id: 'queue-1',
    clientId: 'client-globex',
    name: 'Web chat & social',
    channels: ['chat', 'social'],
    problems: [],
    createdAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export const mockListQueues = (clientId: string, reply: MockReply<QueueView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/queues?clientId=${clientId}`, onePage(reply), options);
export const mockCreateQueue = (clientId: string, reply: MockReply<QueueView>, options?: MockRouteOptions) => mockRoute('POST', `/api/clients/${clientId}/queues`, reply, options);
export const mockUpdateQueue = (queueId: string, reply: MockReply<QueueView>, options?: MockRouteOptions) => mockRoute('PATCH', `/api/queues/${queueId}`, reply, options);
export const mockGetInboxRouting = (inboxId: string, reply: MockReply<InboxRouting>, options?: MockRouteOptions) => mockRoute('GET', `/api/inboxes/${inboxId}/routing`, reply, options);
export const mockSetInboxRouting = (inboxId: string, reply: MockReply<InboxRouting>, options?: MockRouteOptions) => mockRoute('PUT', `/api/inboxes/${inboxId}/routing`, reply, options);

/** A queue as the API answers a create or update: the body sent over `base`, with its problems. */
export function queueViewFrom(base: QueueView, body: unknown, problems: QueueView['problems'] = base.problems): QueueView {
  return { ...base, ...(body as Partial<QueueSettings>), problems };
}

export const mockTransferTicket = (ticketId: string, reply: MockReply<{ ticketId: string }>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/transfer`, reply, options);

export function queueStatsFixture(overrides: Partial<QueueStats> = {}): QueueStats {
  return { queueId: 'queue-1', clientId: 'client-globex', name: 'Web chat & social', waiting: 0, longestWaitSeconds: 0, atRisk: 0, serviceLevelToday: null, answeredToday: 0, abandonedToday: 0, agentsReady: 0, ...overrides };
}

export function agentLoadFixture(overrides: Partial<AgentLoad> = {}): AgentLoad {
  return { userId: 'user-agent-1', tickets: { chat: 0, email: 0, voice: 0, social: 0 }, offers: 0, occupancy: 0, ...overrides };
}

export const mockGetQueueStats = (reply: MockReply<QueueStats[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/queues/stats', onePage(reply), options);
export const mockGetAgentLoads = (agentIds: readonly string[], reply: MockReply<AgentLoad[]>, options?: MockRouteOptions) =>
  mockRoute('GET', `/api/routing/agent-loads?${agentIds.map((id) => `agentId=${id}`).join('&')}`, reply, options);

export function transferTargetsFixture(overrides: Partial<TransferTargets> = {}): TransferTargets {
  return {
    queues: [{ id: 'queue-returns', name: 'Returns & refunds' }],
    agents: [
      { id: 'agent-jose', name: 'Jose Reyes', state: 'available', connected: true, teamName: 'Manila Atlas' },
      { id: 'agent-lucia', name: 'Lucía Herrera', state: 'away', connected: true, teamName: 'Bogotá Condor' },
    ],
    teams: [{ id: 'team-bogota', name: 'Bogotá Condor', agentCount: 2 }],
    ...overrides,
  };
}

export const mockGetTransferTargets = (ticketId: string, reply: MockReply<TransferTargets>, options?: MockRouteOptions) => mockRoute('GET', `/api/tickets/${ticketId}/transfer-targets`, reply, options);
