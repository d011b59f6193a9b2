import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { IdentityException, PrincipalChangedEvent, PrincipalService } from '@switchboard/api-identity';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig, type Principal } from '@switchboard/api-platform';
import { TicketWorkService } from '@switchboard/api-tickets';
import { CLIENT_ROLES, ErrorCode, isStaffRole } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import { AgentGateway } from './agent.gateway';
import { PortalGateway } from './portal.gateway';
import { portalRooms, staffRooms, type AgentSocket, type PortalSocket } from './socket-types';

type StaffSocket = AgentSocket | PortalSocket;
const TICKET_ROOM = /^ticket:([0-9a-f-]{36})$/;

/**
 * Keeps every connected staff and client-user socket true to who its user is now. A socket is checked
 * again when the database says its user changed (PrincipalChangedEvent: at once, on every node) and
 * every `sockets.revalidateSeconds` regardless. A session that ended or a user who was disabled (or no
 * longer belongs in the namespace) is told `session.ended` and disconnected; changed client
 * assignments or teams re-scope the socket: it leaves the rooms (and watched tickets) it may no longer
 * hear, joins the new ones and is told `session.rescoped`.
 */
@Injectable()
export class SocketSessionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly agents: AgentGateway,
    private readonly portal: PortalGateway,
    private readonly principals: PrincipalService,
    private readonly tickets: TicketWorkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: SocketSessionService.name });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.revalidate(null), this.config.sockets.revalidateSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  @OnEvent(PrincipalChangedEvent.eventName)
  async onPrincipalChanged(event: PrincipalChangedEvent): Promise<void> {
    await this.revalidate(event.userId);
  }

  /** Checks this node's sockets of `userId` (null: of everyone). */
  async revalidate(userId: string | null): Promise<void> {
    const sockets: [StaffSocket, 'agent' | 'portal'][] = [
      ...[...this.localSockets(this.agents.namespace?.sockets)].map((s) => [s, 'agent'] as [StaffSocket, 'agent']),
      ...[...this.localSockets(this.portal.namespace?.sockets)].map((s) => [s, 'portal'] as [StaffSocket, 'portal']),
    ];
    const concerned = sockets.filter(([socket]) => socket.data.principal && (userId === null || socket.data.principal.userId === userId));
    await Promise.all(concerned.map(([socket, kind]) => this.check(socket, kind)));
  }

  private *localSockets(map: Map<string, StaffSocket> | undefined): Iterable<StaffSocket> {
    if (map) yield* map.values();
  }

  private async check(socket: StaffSocket, kind: 'agent' | 'portal'): Promise<void> {
    const before = socket.data.principal;
    let now: Principal;
    try {
      now = await this.principals.load(before.userId, before.sessionId);
    } catch (error) {
      if (error instanceof IdentityException) return this.end(socket, 'Your session has ended; sign in again.');
      this.log.warn({ err: error, userId: before.userId }, 'could not revalidate a socket; keeping it until the next check');
      return;
    }
    if (kind === 'agent' ? !isStaffRole(now.role) : !CLIENT_ROLES.includes(now.role)) return this.end(socket, 'Your access has changed; sign in again.');
    const roomsOf = kind === 'agent' ? staffRooms : portalRooms;
    const had = new Set(roomsOf(before));
    const has = new Set(roomsOf(now));
    socket.data.principal = now;
    const gone = [...had].filter((room) => !has.has(room));
    const added = [...has].filter((room) => !had.has(room));
    if (gone.length === 0 && added.length === 0) return;
    for (const room of gone) await socket.leave(room);
    if (added.length) await socket.join(added);
    // Watched tickets of a client the user no longer serves stop reaching them.
    for (const room of [...socket.rooms]) {
      const ticketId = TICKET_ROOM.exec(room)?.[1];
      if (ticketId) await this.tickets.assertVisible(now, ticketId).catch(() => socket.leave(room));
    }
    this.log.info({ userId: now.userId, clientIds: now.clientIds }, 'socket re-scoped');
    (socket as AgentSocket).emit('session.rescoped', { clientIds: [...now.clientIds] });
  }

  private end(socket: StaffSocket, message: string): void {
    (socket as AgentSocket).emit('session.ended', { code: ErrorCode.AuthSessionRevoked, message });
    socket.disconnect(true);
  }
}
