import { CLIENT_ROLES, Role, type UserView } from '@switchboard/shared-contracts';

/** Provider staff who read reports: admins and team leads (for the clients they cover). Agents do not. */
export const isReportStaff = (user: UserView): boolean => user.role === Role.Admin || user.role === Role.TeamLead;

/** A client user (viewer or admin of one client). */
export const isClientUser = (user: UserView): boolean => CLIENT_ROLES.includes(user.role) && user.clientId !== null;

/** Who reads a client's access log in the portal: that client's admins, and provider admins. */
export const canReadAuditLog = (user: UserView): boolean => user.role === Role.ClientAdmin || user.role === Role.Admin;
