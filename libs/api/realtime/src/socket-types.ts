import type { Principal } from '@switchboard/api-platform';
import type { ChatVisitor } from '@switchboard/api-tickets';
import type {
  AgentClientEvents,
  AgentServerEvents,
  CustomerClientEvents,
  CustomerServerEvents,
  PortalClientEvents,
  PortalServerEvents,
  VisitorSession,
  WidgetInboxView,
} from '@switchboard/shared-contracts';
import type { Namespace, Socket } from 'socket.io';

export interface StaffSocketData {
  principal: Principal;
}
export interface CustomerSocketData {
  visitor: ChatVisitor;
  /** Sent once the connection is accepted. */
  session?: VisitorSession;
  /** The inbox as the widget sees it (open, online, forms), read by the handshake and sent with the session. */
  availability?: WidgetInboxView;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type NoInterServer = {};
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, NoInterServer, StaffSocketData>;
export type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, NoInterServer, StaffSocketData>;
export type PortalNamespace = Namespace<PortalClientEvents, PortalServerEvents, NoInterServer, StaffSocketData>;
export type PortalSocket = Socket<PortalClientEvents, PortalServerEvents, NoInterServer, StaffSocketData>;
export type CustomerNamespace = Namespace<CustomerClientEvents, CustomerServerEvents, NoInterServer, CustomerSocketData>;
export type CustomerSocket = Socket<CustomerClientEvents, CustomerServerEvents, NoInterServer, CustomerSocketData>;

/** Room names, in one place so emits and joins cannot drift apart. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  client: (clientId: string) => `client:${clientId}`,
  /** Team leads and admins of a client: queue numbers. */
  clientLeads: (clientId: string) => `client-leads:${clientId}`,
  /** Leads of a team watch its board. */
  teamBoard: (teamId: string) => `team-board:${teamId}`,
  /** Admins watch every board. */
  allBoards: 'board:all',
  widgetInbox: (inboxId: string) => `widget:${inboxId}`,
  /** Staff workspaces showing one ticket. */
  ticket: (ticketId: string) => `ticket:${ticketId}`,
  /** Every tab of one widget visitor. */
  visitor: (identity: string) => `visitor:${identity}`,
};

/** The rooms a staff socket belongs to for who it is (its tickets' rooms come and go with what it watches). */
export function staffRooms(principal: Principal): string[] {
  return [
    rooms.user(principal.userId),
    rooms.session(principal.sessionId),
    ...principal.clientIds.map(rooms.client),
    ...principal.leadTeamIds.map(rooms.teamBoard),
    ...(principal.role === 'team_lead' || principal.role === 'admin' ? principal.clientIds.map(rooms.clientLeads) : []),
    ...(principal.role === 'admin' ? [rooms.allBoards] : []),
  ];
}

/** The rooms of a client user's portal socket. */
export function portalRooms(principal: Principal): string[] {
  return [rooms.user(principal.userId), rooms.session(principal.sessionId), ...principal.clientIds.map(rooms.client)];
}
