import { Inject } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { APP_CONFIG, DomainException, isOriginAllowed, ROOT_LOGGER, validatePayload, type AppConfig } from '@switchboard/api-platform';
import { TenancyException, TenancyService } from '@switchboard/api-tenancy';
import { CatchUpService, ChatIntakeService, ChatSendDto, SyncRequestDto, CsatDto, TypingDto, verifyVisitorToken, visitorIdentity, VisitorProfileDto } from '@switchboard/api-tickets';
import { ErrorCode, Namespace, type Ack, type MessageView, type SyncResponse, type TypingState, type VisitorProfile, type VisitorTicketStatus } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import { toAck } from './ack.util';
import { NodeLifecycle } from './node-lifecycle.service';
import { handshakeString, socketGate } from './socket-auth.util';
import { rooms, type CustomerNamespace, type CustomerSocket } from './socket-types';

/**
 * `/customer`: the embeddable chat widget, authenticated by its inbox key and the visitor's token.
 * The widget runs on the client's own web site: an inbox lists the origins that may embed it.
 */
@WebSocketGateway({ namespace: Namespace.Customer })
export class CustomerGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() namespace!: CustomerNamespace;
  private readonly log: Logger;

  constructor(
    private readonly tenancy: TenancyService,
    private readonly chat: ChatIntakeService,
    private readonly catchUp: CatchUpService,
    private readonly lifecycle: NodeLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: CustomerGateway.name });
  }

  afterInit(namespace: CustomerNamespace): void {
    this.lifecycle.attach(namespace);
    namespace.use(
      socketGate<CustomerSocket>(
        this.config,
        async (socket) => {
          // Rate limit per returning visitor (signed token); a first visit, per address.
          const returning = verifyVisitorToken(handshakeString(socket, 'visitorToken'), this.config.auth.jwtSecret);
          if (returning) this.lifecycle.admit(`visitor:${visitorIdentity(returning)}`);
          else this.lifecycle.admit(socket.handshake.address, true);
          const key = handshakeString(socket, 'inboxKey');
          if (!key || !/^[A-Za-z0-9_-]{4,100}$/.test(key)) throw TenancyException.unknownInbox();
          const inbox = await this.tenancy.widgetInbox(key);
          const origin = socket.handshake.headers.origin;
          if (!isOriginAllowed(this.config, origin) && !(origin && inbox.allowedOrigins.includes(origin.replace(/\/$/, '')))) {
            throw new DomainException(ErrorCode.OriginNotAllowed, 'This web site may not embed this chat.');
          }
          const session = await this.chat.openSession({ clientId: inbox.clientId, inboxId: inbox.inboxId }, handshakeString(socket, 'visitorToken'));
          socket.data.visitor = session.visitor;
          socket.data.session = { visitorToken: session.visitorToken, ticketId: session.ticketId, messages: session.messages, profile: session.profile, csatPending: session.csatPending };
          socket.data.availability = inbox.view;
        },
        { originCheckedByNamespace: true },
      ),
    );
  }

  async handleConnection(socket: CustomerSocket): Promise<void> {
    const { visitor, session } = socket.data;
    if (!visitor || !session) return;
    await socket.join([rooms.widgetInbox(visitor.inboxId), rooms.visitor(visitor.identity)]);
    socket.emit('visitor.session', session);
    if (socket.data.availability) socket.emit('inbox.availability', socket.data.availability);
    // Sent once: an idle socket does not carry its transcript and settings for the rest of its life.
    delete socket.data.session;
    delete socket.data.availability;
  }

  @SubscribeMessage('message.send')
  send(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown): Promise<Ack<MessageView>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(ChatSendDto, payload);
      return await this.chat.receive(socket.data.visitor, request);
    });
  }

  @SubscribeMessage('visitor.profile')
  profile(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown): Promise<Ack<VisitorProfile>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(VisitorProfileDto, payload);
      return await this.chat.updateProfile(socket.data.visitor, request);
    });
  }

  @SubscribeMessage('typing.set')
  typing(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown): Promise<Ack<TypingState>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(TypingDto, payload);
      await this.chat.typing(socket.data.visitor, request.typing);
      return { typing: request.typing };
    });
  }

  @SubscribeMessage('csat.submit')
  csat(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown): Promise<Ack<VisitorTicketStatus>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(CsatDto, payload);
      return await this.chat.submitCsat(socket.data.visitor, request);
    });
  }

  /** After a reconnect: the replies after the widget's cursor on the visitor's own conversation. */
  @SubscribeMessage('messages.sync')
  sync(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown): Promise<Ack<SyncResponse<MessageView>>> {
    return toAck(this.log, async () => {
      this.lifecycle.admitSync(socket.id);
      return await this.catchUp.forVisitor(socket.data.visitor, await validatePayload(SyncRequestDto, payload));
    });
  }
}
