import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SessionEndedEvent } from '@switchboard/api-identity';
import { ROOT_LOGGER } from '@switchboard/api-platform';
import { AgentStatusChangedEvent, WhisperSentEvent } from '@switchboard/api-presence';
import { CalibrationUpdatedEvent, CoachingUpdatedEvent, DisputeUpdatedEvent, EvaluationAcknowledgedEvent, EvaluationsAssignedEvent, EvaluationSubmittedEvent } from '@switchboard/api-qa';
import { LiveReportEvent } from '@switchboard/api-reporting';
import { AgentLoadEvent, OfferClosedEvent, OfferMadeEvent, QueueStatsEvent, TicketAssignedEvent, TicketRequeuedEvent } from '@switchboard/api-routing';
import { TenancyService } from '@switchboard/api-tenancy';
import { customerView, MessageCreatedEvent, MessageUpdatedEvent, TicketUpdatedEvent, TypingEvent, VisitorTicketStatusEvent } from '@switchboard/api-tickets';
import { ErrorCode } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import { AgentGateway } from './agent.gateway';
import { CustomerGateway } from './customer.gateway';
import { FanOutConnection } from './fan-out.service';
import { PortalGateway } from './portal.gateway';
import { rooms } from './socket-types';

/** Staffing changes are gathered for this long before portals and widgets hear them. */
const STAFFING_FAN_OUT_MS = 250;

/** The one place domain events become socket emits. */
@Injectable()
export class RealtimeListener implements OnApplicationShutdown {
  private readonly log: Logger;
  private readonly staffingDue = new Set<string>();
  private staffingTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly agents: AgentGateway,
    private readonly portal: PortalGateway,
    private readonly customers: CustomerGateway,
    private readonly tenancy: TenancyService,
    fanOut: FanOutConnection,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: RealtimeListener.name });
    // Events for this node's sockets raised on other nodes while Redis was away may be lost: clients catch up.
    fanOut.onRestored(() => {
      this.agents.namespace.local.emit('sync.required', { reason: 'fan_out_restored' });
      this.customers.namespace.local.emit('sync.required', { reason: 'fan_out_restored' });
    });
  }

  @OnEvent(AgentStatusChangedEvent.eventName)
  onAgentStatusChanged(event: AgentStatusChangedEvent): void {
    const targets = [rooms.user(event.presence.userId), rooms.allBoards, ...event.teamIds.map(rooms.teamBoard)];
    this.agents.namespace.to(targets).emit('agent.status_changed', { ...event.presence, teamIds: event.teamIds, setBy: event.setBy });
    this.tenancy.staffingChanged(event.clientIds);
    for (const clientId of event.clientIds) this.staffingDue.add(clientId);
    if (!this.stopped) this.staffingTimer ??= setTimeout(() => void this.fanOutStaffing(), STAFFING_FAN_OUT_MS);
  }

  /**
   * Client portals and widgets hear staffing at most every STAFFING_FAN_OUT_MS per client: a shift of
   * agents signing in at once makes one read and one emit per client, not one per agent.
   */
  private async fanOutStaffing(): Promise<void> {
    const clientIds = [...this.staffingDue];
    this.staffingDue.clear();
    try {
      for (const staffing of await this.tenancy.staffingForClients(clientIds)) {
        this.portal.namespace.to(rooms.client(staffing.clientId)).emit('client.staffing_changed', staffing);
      }
      for (const clientId of clientIds) {
        for (const { inboxId, view } of await this.tenancy.widgetInboxesOfClient(clientId)) {
          this.customers.namespace.to(rooms.widgetInbox(inboxId)).emit('inbox.availability', view);
        }
      }
    } catch (error) {
      this.log.warn({ err: error, clientIds }, 'could not fan out staffing');
    } finally {
      this.staffingTimer = this.staffingDue.size > 0 && !this.stopped ? setTimeout(() => void this.fanOutStaffing(), STAFFING_FAN_OUT_MS) : undefined;
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.staffingTimer);
    this.staffingTimer = undefined;
  }

  /** A ticket's summary goes to the leads of its client (their queue and board), its assignee and whoever has it open — not to every agent of the client. */
  @OnEvent(TicketUpdatedEvent.eventName)
  onTicketUpdated(event: TicketUpdatedEvent): void {
    const { ticket } = event;
    const users = new Set([...(ticket.assigneeId ? [ticket.assigneeId] : []), ...event.alsoTell]);
    const targets = [rooms.clientLeads(ticket.clientId), rooms.ticket(ticket.id), ...[...users].map((userId) => rooms.user(userId))];
    this.agents.namespace.to(targets).emit('ticket.updated', ticket);
  }

  @OnEvent(MessageCreatedEvent.eventName)
  onMessageCreated(event: MessageCreatedEvent): void {
    const targets = [rooms.ticket(event.message.ticketId), ...(event.assigneeId ? [rooms.user(event.assigneeId)] : [])];
    this.agents.namespace.to(targets).emit('message.created', { ...event.message, attachments: event.attachments });
    if (event.visitorIdentity && isPublic(event.message.direction)) this.customers.namespace.to(rooms.visitor(event.visitorIdentity)).emit('message.created', customerView(event.message));
  }

  @OnEvent(MessageUpdatedEvent.eventName)
  onMessageUpdated(event: MessageUpdatedEvent): void {
    this.agents.namespace.to(rooms.ticket(event.message.ticketId)).emit('message.updated', event.message);
    if (event.visitorIdentity && isPublic(event.message.direction)) this.customers.namespace.to(rooms.visitor(event.visitorIdentity)).emit('message.updated', customerView(event.message));
  }

  @OnEvent(TypingEvent.eventName)
  onTyping(event: TypingEvent): void {
    if (event.by.kind === 'customer') this.agents.namespace.to(rooms.ticket(event.ticketId)).emit('customer.typing', { ticketId: event.ticketId, typing: event.typing });
    else this.customers.namespace.to(rooms.visitor(event.by.visitorIdentity)).emit('agent.typing', { typing: event.typing, name: event.by.name });
  }

  @OnEvent(VisitorTicketStatusEvent.eventName)
  onVisitorTicketStatus(event: VisitorTicketStatusEvent): void {
    this.customers.namespace.to(rooms.visitor(event.visitorIdentity)).emit('ticket.status', event.status);
  }

  @OnEvent(OfferMadeEvent.eventName)
  onOfferMade(event: OfferMadeEvent): void {
    this.agents.namespace.to(rooms.user(event.agentId)).emit('ticket.offered', event.offer);
  }

  @OnEvent(OfferClosedEvent.eventName)
  onOfferClosed(event: OfferClosedEvent): void {
    this.agents.namespace.to(rooms.user(event.agentId)).emit('offer.closed', event.closed);
  }

  @OnEvent(TicketAssignedEvent.eventName)
  onTicketAssigned(event: TicketAssignedEvent): void {
    this.agents.namespace.to([rooms.user(event.assigned.agentId), rooms.clientLeads(event.assigned.clientId)]).emit('ticket.assigned', event.assigned);
  }

  @OnEvent(TicketRequeuedEvent.eventName)
  onTicketRequeued(event: TicketRequeuedEvent): void {
    const { requeued } = event;
    this.agents.namespace.to([rooms.clientLeads(requeued.clientId), ...(requeued.agentId ? [rooms.user(requeued.agentId)] : [])]).emit('ticket.requeued', requeued);
  }

  @OnEvent(QueueStatsEvent.eventName)
  onQueueStats(event: QueueStatsEvent): void {
    this.agents.namespace.to(rooms.clientLeads(event.clientId)).emit('queue.stats', event.stats);
  }

  /** Reporting: a client's live tiles reach that client's portal room only. */
  @OnEvent(LiveReportEvent.eventName)
  onLiveReport(event: LiveReportEvent): void {
    this.portal.namespace.to(rooms.client(event.report.clientId)).emit('report.live', event.report);
  }

  @OnEvent(AgentLoadEvent.eventName)
  onAgentLoad(event: AgentLoadEvent): void {
    this.agents.namespace.to([rooms.user(event.load.userId), rooms.allBoards, ...event.teamIds.map(rooms.teamBoard)]).emit('agent.load', event.load);
  }

  @OnEvent(WhisperSentEvent.eventName)
  onWhisperSent(event: WhisperSentEvent): void {
    this.agents.namespace.to(rooms.user(event.whisper.toUserId)).emit('whisper.received', event.whisper);
  }

  /** QA: the agent evaluated hears their evaluation at once, and the client's leads (and admins) see it join their lists. */
  @OnEvent(EvaluationSubmittedEvent.eventName)
  onEvaluationSubmitted(event: EvaluationSubmittedEvent): void {
    const { evaluation } = event;
    this.agents.namespace.to([rooms.user(evaluation.agentId), rooms.clientLeads(evaluation.clientId)]).emit('evaluation.submitted', evaluation);
  }

  /** QA: a dispute raised or resolved reaches the agent, the evaluation's reviewer and the client's leads (and admins). */
  @OnEvent(DisputeUpdatedEvent.eventName)
  onDisputeUpdated(event: DisputeUpdatedEvent): void {
    const { evaluation } = event.update;
    const users = [evaluation.agentId, ...(evaluation.reviewerId ? [evaluation.reviewerId] : [])].map((userId) => rooms.user(userId));
    this.agents.namespace.to([...users, rooms.clientLeads(evaluation.clientId)]).emit('dispute.updated', event.update);
  }

  /** QA: the agent acknowledged an evaluation — to the agent's other tabs, the reviewer and the client's leads (and admins). */
  @OnEvent(EvaluationAcknowledgedEvent.eventName)
  onEvaluationAcknowledged(event: EvaluationAcknowledgedEvent): void {
    const { evaluation } = event;
    const users = [evaluation.agentId, ...(evaluation.reviewerId ? [evaluation.reviewerId] : [])].map((userId) => rooms.user(userId));
    this.agents.namespace.to([...users, rooms.clientLeads(evaluation.clientId)]).emit('evaluation.acknowledged', evaluation);
  }

  /** QA: a sampling draw put draft evaluations on a lead's desk — to that lead only. */
  @OnEvent(EvaluationsAssignedEvent.eventName)
  onEvaluationsAssigned(event: EvaluationsAssignedEvent): void {
    if (event.evaluations.length) this.agents.namespace.to(rooms.user(event.leadId)).emit('evaluation.assigned', event.evaluations);
  }

  /** QA: a calibration review was submitted or the session closed — to its participants (counts only, never scores). */
  @OnEvent(CalibrationUpdatedEvent.eventName)
  onCalibrationUpdated(event: CalibrationUpdatedEvent): void {
    if (event.participantIds.length) this.agents.namespace.to(event.participantIds.map((id) => rooms.user(id))).emit('calibration.updated', event.update);
  }

  /** QA: a coaching note opened or acknowledged — to the agent coached, its author and the client's leads (and admins). */
  @OnEvent(CoachingUpdatedEvent.eventName)
  onCoachingUpdated(event: CoachingUpdatedEvent): void {
    const { note } = event;
    const users = [note.agentId, ...(note.authorId ? [note.authorId] : [])].map((userId) => rooms.user(userId));
    this.agents.namespace.to([...users, rooms.clientLeads(note.clientId)]).emit('coaching.updated', note);
  }

  @OnEvent(SessionEndedEvent.eventName)
  onSessionEnded(event: SessionEndedEvent): void {
    const room = rooms.session(event.sessionId);
    const notice = { code: ErrorCode.AuthSessionRevoked, message: 'You were signed out.' };
    this.agents.namespace.to(room).emit('session.ended', notice);
    this.portal.namespace.to(room).emit('session.ended', notice);
    this.agents.namespace.in(room).disconnectSockets(true);
    this.portal.namespace.in(room).disconnectSockets(true);
  }
}

const isPublic = (direction: string) => direction === 'inbound' || direction === 'outbound';
