import type { AgentLoad, InboxRouting, Page, QueueSettings, QueueStats, QueueView, TransferRequest, TransferTargets } from '@switchboard/shared-contracts';
import { afterQuery, allPages, apiRequest } from '../http/http-client.util';

/** `GET /api/queues?clientId=`: the client's queues (what a ticket can be transferred to). */
export function listQueues(clientId: string): Promise<QueueView[]> {
  return allPages((after) => apiRequest<Page<QueueView>>('GET', `/api/queues?clientId=${encodeURIComponent(clientId)}${afterQuery(after, '&')}`));
}

/** `POST /api/clients/:clientId/queues` (admins): a new queue; settings left out take the defaults (`DEFAULT_QUEUE_SETTINGS`). */
export function createQueue(clientId: string, settings: QueueSettings): Promise<QueueView> {
  return apiRequest<QueueView>('POST', `/api/clients/${encodeURIComponent(clientId)}/queues`, settings);
}

/** `PATCH /api/queues/:queueId` (admins): only the settings given change; one refused field saves none of them. */
export function updateQueue(queueId: string, change: Partial<QueueSettings>): Promise<QueueView> {
  return apiRequest<QueueView>('PATCH', `/api/queues/${encodeURIComponent(queueId)}`, change);
}

/** `PUT /api/inboxes/:inboxId/routing` (admins): replaces the inbox's default queue and its ordered rules. */
/** `GET /api/inboxes/:id/routing` (admins): the inbox's default queue and rules as they are. */
export function getInboxRouting(inboxId: string): Promise<InboxRouting> {
  return apiRequest<InboxRouting>('GET', `/api/inboxes/${encodeURIComponent(inboxId)}/routing`);
}

export function setInboxRouting(inboxId: string, routing: InboxRouting): Promise<InboxRouting> {
  return apiRequest<InboxRouting>('PUT', `/api/inboxes/${encodeURIComponent(inboxId)}/routing`, routing);
}

/** `GET /api/tickets/:id/transfer-targets`: the queues, agents and teams the ticket may go to. */
export function getTransferTargets(ticketId: string): Promise<TransferTargets> {
  return apiRequest<TransferTargets>('GET', `/api/tickets/${encodeURIComponent(ticketId)}/transfer-targets`);
}

/** `POST /api/tickets/:id/transfer`: to a queue, an agent or a team; cold leaves the agent now, warm when a colleague accepts. */
export function transferTicket(ticketId: string, request: TransferRequest): Promise<{ ticketId: string }> {
  return apiRequest<{ ticketId: string }>('POST', `/api/tickets/${encodeURIComponent(ticketId)}/transfer`, request);
}

/** `GET /api/queues/stats`: live numbers of the queues of the caller's clients (leads and admins), page after page. */
export function getQueueStats(): Promise<QueueStats[]> {
  return allPages((after) => apiRequest<Page<QueueStats>>('GET', `/api/queues/stats${afterQuery(after)}`));
}

/** `GET /api/routing/agent-loads?agentId=…`: what these agents hold now (1–500 of the caller's agents). */
export function getAgentLoads(agentIds: readonly string[]): Promise<AgentLoad[]> {
  const query = agentIds.map((id) => `agentId=${encodeURIComponent(id)}`).join('&');
  return apiRequest<AgentLoad[]>('GET', `/api/routing/agent-loads?${query}`);
}
