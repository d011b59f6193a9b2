import { Namespace, Role, type AgentClientEvents, type AgentServerEvents, type AgentStatusChanged, type SessionRescoped } from '@switchboard/shared-contracts';
import { endSession, sessionSocketAuth, useSessionStore } from '@switchboard/web-data-access';
import { connectRealtime, useRealtimeStore, type ConnectRealtimeOptions, type RealtimeConnection } from '@switchboard/web-realtime';
import { useAccessStore } from '../access/access.store';
import { useBoardStore } from '../board/board.store';
import { useOffersStore } from '../offers/offers.store';
import { usePresenceStore } from '../presence/presence.store';
import { useQaLiveStore } from '../qa/qa-live.store';
import { useQueueStore } from '../queue/queue.store';
import { useMyTicketsStore } from '../tickets/my-tickets.store';
import { useTicketWorkspaceStore } from '../tickets/ticket-workspace.store';
import { useWhispersStore } from '../whispers/whispers.store';

export type AgentConnection = RealtimeConnection<AgentServerEvents, AgentClientEvents>;

declare module '@switchboard/web-realtime' {
  interface RealtimeRegister {
    /** The console's one live connection is to `/agent`. */
    connection: AgentConnection;
  }
}

export type AgentConnect = (options: ConnectRealtimeOptions) => AgentConnection;

const connectAgent: AgentConnect = (options) => connectRealtime<AgentServerEvents, AgentClientEvents>(options);

/**
 * The one place where `/agent` socket events become store actions. Returns a stop function.
 * Events are checked against what this user may see before they touch a store.
 */
export function startAgentRealtime(connect: AgentConnect = connectAgent): () => void {
  const session = useSessionStore();
  const presence = usePresenceStore();
  const board = useBoardStore();
  const queue = useQueueStore();
  const offers = useOffersStore();
  const myTickets = useMyTicketsStore();
  const workspace = useTicketWorkspaceStore();
  const whispers = useWhispersStore();
  const qa = useQaLiveStore();
  const realtime = useRealtimeStore();
  const access = useAccessStore();

  const connection = connect({ namespace: Namespace.Agent, ...sessionSocketAuth });
  realtime.attach(connection);

  /** An agent we have no row for: worth a refetch only if they belong on this user's board. */
  const belongsOnBoard = (event: AgentStatusChanged) => {
    if (session.user?.role === Role.Admin) return true;
    const ledTeams = new Set((session.me?.teams ?? []).filter((team) => team.membership === 'lead').map((team) => team.id));
    return event.teamIds.some((teamId) => ledTeams.has(teamId));
  };

  /** Tenant check: a ticket of a client this user does not serve never reaches a store (the server should not send one). */
  const servesClient = (clientId: string) => !session.me || session.clientsById.has(clientId);

  /** Everything on screen comes from the server again (after a reconnect, or when this user's access changed). */
  const refetchAll = () => {
    void presence.refresh();
    void board.refresh();
    void queue.refresh();
    void offers.refresh();
    void myTickets.refresh();
    void workspace.refresh();
    void whispers.refresh();
    qa.refresh();
  };

  /**
   * An admin changed this user's clients while they were signed in: the server already moved the socket's
   * rooms and took back their tickets and offers of a client they lost. Here the console forgets that
   * client (the open ticket closes at once), refetches every list under the new scope and says what changed.
   */
  const rescope = async (event: SessionRescoped) => {
    const before = [...session.clients];
    const allowed = new Set(event.clientIds);
    if (workspace.ticket && !allowed.has(workspace.ticket.clientId)) await workspace.close();
    await session.loadMe().catch(() => undefined);
    const after = session.me ? [...session.clients] : before.filter((client) => allowed.has(client.id));
    refetchAll();
    access.applyChange(before, after);
  };

  const stops = [
    connection.on('agent.status_changed', (event) => {
      presence.applyStatus(event);
      if (!board.applyStatus(event) && board.status === 'ready' && belongsOnBoard(event)) void board.load();
    }),
    connection.on('ticket.updated', (ticket) => {
      if (!servesClient(ticket.clientId)) return;
      queue.applyTicket(ticket);
      myTickets.applyTicket(ticket);
      workspace.applyTicket(ticket);
    }),
    // The server sends a ticket's messages to the workspaces watching it and to its assignee.
    connection.on('message.created', (message) => {
      workspace.applyMessage(message);
      myTickets.applyMessage(message);
    }),
    connection.on('message.updated', (message) => workspace.applyMessage(message)),
    connection.on('customer.typing', (event) => workspace.applyCustomerTyping(event)),
    connection.on('ticket.requeued', (event) => {
      if (event.agentId && event.agentId === session.user?.id) myTickets.applyTakenAway(event.ticketId);
    }),
    connection.on('ticket.offered', (offer) => {
      if (servesClient(offer.clientId)) offers.applyOffered(offer);
    }),
    // Carries no client: it only ever removes an offer this user holds.
    connection.on('offer.closed', (event) => offers.applyClosed(event)),
    connection.on('ticket.assigned', (event) => {
      if (servesClient(event.clientId)) offers.applyAssigned(event);
    }),
    connection.on('agent.load', (load) => board.applyLoad(load)),
    connection.on('queue.stats', (stats) => board.applyQueueStats(stats.filter((queue) => servesClient(queue.clientId)))),
    connection.on('whisper.received', (whisper) => {
      if (whisper.toUserId === session.user?.id) whispers.applyReceived(whisper);
    }),
    // QA: a new evaluation reaches its agent and the client's leads; a dispute raised or settled, the agent, the reviewer and the leads.
    connection.on('evaluation.submitted', (evaluation) => {
      if (servesClient(evaluation.clientId)) qa.applySubmitted(evaluation);
    }),
    // Drafts a sampling draw gave this lead (sent to them alone).
    connection.on('evaluation.assigned', (evaluations) => qa.applyAssigned(evaluations.filter((evaluation) => servesClient(evaluation.clientId)))),
    connection.on('coaching.updated', (note) => {
      if (servesClient(note.clientId)) qa.applyCoaching(note);
    }),
    connection.on('calibration.updated', (update) => {
      if (servesClient(update.clientId)) qa.applyCalibration(update);
    }),
    connection.on('dispute.updated', (update) => {
      if (servesClient(update.evaluation.clientId)) qa.applyDisputeUpdated(update);
    }),
    connection.on('session.ended', (event) => endSession(event.message)),
    connection.on('session.rescoped', (event) => void rescope(event)),
    // Whatever happened while the connection was down, the server's state is the truth again.
    connection.onReconnect(refetchAll),
  ];

  return () => {
    stops.forEach((stop) => stop());
    realtime.detach();
  };
}
