import { Inject } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { IdentityException, PrincipalService, TokenService } from '@switchboard/api-identity';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import { TenancyService } from '@switchboard/api-tenancy';
import { CLIENT_ROLES, ErrorCode, Namespace } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import { NodeLifecycle } from './node-lifecycle.service';
import { handshakeString, socketGate } from './socket-auth.util';
import { portalRooms, type PortalNamespace, type PortalSocket } from './socket-types';

/** `/portal`: live tiles of the client portal, for client users, scoped to their one client. */
@WebSocketGateway({ namespace: Namespace.Portal })
export class PortalGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() namespace!: PortalNamespace;
  private readonly log: Logger;

  constructor(
    private readonly principals: PrincipalService,
    private readonly tenancy: TenancyService,
    private readonly tokens: TokenService,
    private readonly lifecycle: NodeLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: PortalGateway.name });
  }

  afterInit(namespace: PortalNamespace): void {
    this.lifecycle.attach(namespace);
    namespace.use(
      socketGate<PortalSocket>(this.config, async (socket) => {
        const token = handshakeString(socket, 'token');
        if (token) this.lifecycle.admit(`user:${this.tokens.verifyAccess(token).sub}`);
        const principal = await this.principals.fromAccessToken(token);
        if (!CLIENT_ROLES.includes(principal.role)) throw new IdentityException(ErrorCode.Forbidden, 'The client portal is for client users.');
        socket.data.principal = principal;
      }),
    );
  }

  async handleConnection(socket: PortalSocket): Promise<void> {
    const { principal } = socket.data;
    if (!principal) return;
    await socket.join(portalRooms(principal));
    try {
      for (const clientId of principal.clientIds) socket.emit('client.staffing_changed', await this.tenancy.staffing(principal, clientId));
    } catch (error) {
      this.log.warn({ err: error, userId: principal.userId }, 'could not send initial staffing');
    }
  }
}
