export const Role = {
  Agent: 'agent',
  TeamLead: 'team_lead',
  Admin: 'admin',
  ClientViewer: 'client_viewer',
  ClientAdmin: 'client_admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);
/** Provider staff: work in the agent console. */
export const STAFF_ROLES: readonly Role[] = [Role.Agent, Role.TeamLead, Role.Admin];
/** Client users: read the client portal, belong to exactly one client. */
export const CLIENT_ROLES: readonly Role[] = [Role.ClientViewer, Role.ClientAdmin];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

/** `POST /api/auth/password`: the signed-in user changes their password; every other session of theirs ends. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** Set for client users only: the one client they belong to. */
  clientId: string | null;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

export interface LoginResponse extends TokenPair {
  user: UserView;
}

export interface MeResponse {
  user: UserView;
  /** The clients this user may see, in name order. */
  clients: ClientRef[];
  /** Teams the user belongs to or leads. */
  teams: TeamRef[];
}

export interface ClientRef {
  id: string;
  slug: string;
  name: string;
  brandColor: string;
}

export interface TeamRef {
  id: string;
  name: string;
  /** The caller's part in the team. */
  membership: 'member' | 'lead';
}
