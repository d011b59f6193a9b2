import { Inject } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { IdentityException, PrincipalService, TokenService } from '@switchboard/api-identity';
import { APP_CONFIG, ROOT_LOGGER, validatePayload, type AppConfig } from '@switchboard/api-platform';
import { PresenceService, SetPresenceDto } from '@switchboard/api-presence';
import { OfferService, RejectOfferDto } from '@switchboard/api-routing';
import { CatchUpService, SyncRequestDto, TicketWorkService } from '@switchboard/api-tickets';
import { ErrorCode, Namespace, isStaffRole, type Ack, type AgentPresence, type OfferRef, type StaffMessageView, type SyncResponse, type TicketAssigned, type TicketRef } from '@switchboard/shared-contracts';
import { IsBoolean, IsUUID } from 'class-validator';
import type { Logger } from 'pino';
import { toAck } from './ack.util';
import { NodeLifecycle } from './node-lifecycle.service';
import { handshakeString, socketGate } from './socket-auth.util';
import { rooms, staffRooms, type AgentNamespace, type AgentSocket } from './socket-types';

/** `/agent`: the staff console. Thin: authenticate, join rooms, validate, call one service, ack. */
@WebSocketGateway({ namespace: Namespace.Agent })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() namespace!: AgentNamespace;
  private readonly log: Logger;

  constructor(
    private readonly principals: PrincipalService,
    private readonly presence: PresenceService,
    private readonly tickets: TicketWorkService,
    private readonly offers: OfferService,
    private readonly catchUp: CatchUpService,
    private readonly tokens: TokenService,
    private readonly lifecycle: NodeLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: AgentGateway.name });
  }

  afterInit(namespace: AgentNamespace): void {
    this.lifecycle.attach(namespace);
    namespace.use(
      socketGate<AgentSocket>(this.config, async (socket) => {
        const token = handshakeString(socket, 'token');
        // Rate limit per agent, on the signed token (cheap), before the database is asked who they are.
        if (token) this.lifecycle.admit(`user:${this.tokens.verifyAccess(token).sub}`);
        const principal = await this.principals.fromAccessToken(token);
        if (!isStaffRole(principal.role)) throw new IdentityException(ErrorCode.Forbidden, 'The agent console is for provider staff.');
        socket.data.principal = principal;
      }),
    );
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    const { principal } = socket.data;
    if (!principal) return; // refused by the middleware
    await socket.join(staffRooms(principal));
    await this.presence.markConnected(principal.userId).catch((error) => this.log.warn({ err: error, agentId: principal.userId }, 'could not record connection'));
  }

  async handleDisconnect(socket: AgentSocket): Promise<void> {
    const { principal } = socket.data;
    if (!principal) return;
    try {
      // Another node may hold one of their tabs; if the other nodes cannot answer, this node's own say-so decides.
      const room = rooms.user(principal.userId);
      const remaining = await this.namespace
        .in(room)
        .fetchSockets()
        .catch(() => this.namespace.local.in(room).fetchSockets());
      if (remaining.length === 0) await this.presence.markDisconnected(principal.userId);
    } catch (error) {
      this.log.warn({ err: error, agentId: principal.userId }, 'could not record disconnection');
    }
  }

  @SubscribeMessage('presence.set')
  setPresence(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown): Promise<Ack<AgentPresence>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(SetPresenceDto, payload);
      return await this.presence.setOwnState(socket.data.principal, request.state, request.reason);
    });
  }

  /** The workspace shows this ticket: hear its messages and the customer typing. */
  @SubscribeMessage('ticket.watch')
  watch(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown): Promise<Ack<TicketRef>> {
    return toAck(this.log, async () => {
      const { ticketId } = await validatePayload(TicketRefDto, payload);
      await this.tickets.assertVisible(socket.data.principal, ticketId);
      await socket.join(rooms.ticket(ticketId));
      return { ticketId };
    });
  }

  @SubscribeMessage('ticket.unwatch')
  unwatch(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown): Promise<Ack<TicketRef>> {
    return toAck(this.log, async () => {
      const { ticketId } = await validatePayload(TicketRefDto, payload);
      // Same answer as watching: a ticket the caller may not see is not there (no blind room operations).
      await this.tickets.assertVisible(socket.data.principal, ticketId);
      await socket.leave(rooms.ticket(ticketId));
      return { ticketId };
    });
  }

  @SubscribeMessage('typing.set')
  typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown): Promise<Ack<TicketRef>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(AgentTypingDto, payload);
      await this.tickets.agentTyping(socket.data.principal, request.ticketId, request.typing);
      return { ticketId: request.ticketId };
    });
  }

  @SubscribeMessage('offer.accept')
  acceptOffer(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown): Promise<Ack<TicketAssigned>> {
    return toAck(this.log, async () => {
      const { offerId } = await validatePayload(OfferRefDto, payload);
      return await this.offers.accept(socket.data.principal, offerId);
    });
  }

  @SubscribeMessage('offer.reject')
  rejectOffer(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown): Promise<Ack<OfferRef>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(RejectOfferSocketDto, payload);
      return await this.offers.reject(socket.data.principal, request.offerId, request.reason?.trim() || null);
    });
  }

  /** After a reconnect: the messages after the console's cursor on each ticket it shows. */
  @SubscribeMessage('messages.sync')
  sync(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown): Promise<Ack<SyncResponse<StaffMessageView>>> {
    return toAck(this.log, async () => {
      this.lifecycle.admitSync(socket.id);
      return await this.catchUp.forStaff(socket.data.principal, await validatePayload(SyncRequestDto, payload));
    });
  }
}

class OfferRefDto implements OfferRef {
  @IsUUID()
  offerId!: string;
}

class RejectOfferSocketDto extends RejectOfferDto implements OfferRef {
  @IsUUID()
  offerId!: string;
}

class TicketRefDto implements TicketRef {
  @IsUUID()
  ticketId!: string;
}

class AgentTypingDto extends TicketRefDto {
  @IsBoolean()
  typing!: boolean;
}
