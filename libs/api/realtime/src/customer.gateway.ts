import { Inject } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { APP_CONFIG, type AppConfig } from '@switchboard/api-platform';
import { TenancyException, TenancyService } from '@switchboard/api-tenancy';
import { Namespace } from '@switchboard/shared-contracts';
import { handshakeString, socketGate } from './socket-auth.util';
import { rooms, type CustomerNamespace, type CustomerSocket } from './socket-types';

/** `/customer`: the embeddable chat widget, authenticated by its inbox key. */
@WebSocketGateway({ namespace: Namespace.Customer })
export class CustomerGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() namespace!: CustomerNamespace;

  constructor(
    private readonly tenancy: TenancyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: CustomerNamespace): void {
    namespace.use(
      socketGate<CustomerSocket>(this.config, async (socket) => {
        const key = handshakeString(socket, 'inboxKey');
        if (!key || !/^[A-Za-z0-9_-]{4,100}$/.test(key)) throw TenancyException.unknownInbox();
        const inbox = await this.tenancy.widgetInbox(key);
        socket.data.clientId = inbox.clientId;
        socket.data.inboxId = inbox.inboxId;
      }),
    );
  }

  async handleConnection(socket: CustomerSocket): Promise<void> {
    if (!socket.data.inboxId) return;
    await socket.join(rooms.widgetInbox(socket.data.inboxId));
    const views = await this.tenancy.widgetInboxesOfClient(socket.data.clientId);
    const own = views.find((v) => v.inboxId === socket.data.inboxId);
    if (own) socket.emit('inbox.availability', own.view);
  }
}
