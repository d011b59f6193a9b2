import { Inject } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { APP_CONFIG, ROOT_LOGGER, validatePayload, type AppConfig } from '@switchboard/api-platform';
import { TenancyException, TenancyService } from '@switchboard/api-tenancy';
import { ChatIntakeService, ChatSendDto } from '@switchboard/api-tickets';
import { Namespace, type Ack, type MessageView } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import { toAck } from './ack.util';
import { handshakeString, socketGate } from './socket-auth.util';
import { rooms, type CustomerNamespace, type CustomerSocket } from './socket-types';

/** `/customer`: the embeddable chat widget, authenticated by its inbox key and the visitor's token. */
@WebSocketGateway({ namespace: Namespace.Customer })
export class CustomerGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() namespace!: CustomerNamespace;
  private readonly log: Logger;

  constructor(
    private readonly tenancy: TenancyService,
    private readonly chat: ChatIntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: CustomerGateway.name });
  }

  afterInit(namespace: CustomerNamespace): void {
    namespace.use(
      socketGate<CustomerSocket>(this.config, async (socket) => {
        const key = handshakeString(socket, 'inboxKey');
        if (!key || !/^[A-Za-z0-9_-]{4,100}$/.test(key)) throw TenancyException.unknownInbox();
        const inbox = await this.tenancy.widgetInbox(key);
        const session = await this.chat.openSession({ clientId: inbox.clientId, inboxId: inbox.inboxId }, handshakeString(socket, 'visitorToken'));
        socket.data.visitor = session.visitor;
        socket.data.session = { visitorToken: session.visitorToken, ticketId: session.ticketId, messages: session.messages };
      }),
    );
  }

  async handleConnection(socket: CustomerSocket): Promise<void> {
    const { visitor, session } = socket.data;
    if (!visitor || !session) return;
    await socket.join([rooms.widgetInbox(visitor.inboxId), rooms.visitor(visitor.identity)]);
    socket.emit('visitor.session', session);
    const views = await this.tenancy.widgetInboxesOfClient(visitor.clientId);
    const own = views.find((v) => v.inboxId === visitor.inboxId);
    if (own) socket.emit('inbox.availability', own.view);
  }

  @SubscribeMessage('message.send')
  send(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown): Promise<Ack<MessageView>> {
    return toAck(this.log, async () => {
      const request = await validatePayload(ChatSendDto, payload);
      return await this.chat.receive(socket.data.visitor, request);
    });
  }
}
