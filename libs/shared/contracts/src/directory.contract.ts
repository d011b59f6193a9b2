import type { BusinessCalendar, Channel, InboxSettings, PiiPolicy, TimeRange, Weekday } from './tenancy.contract';

/**
 * The admin directory: clients (tenants) with their inboxes, the skills catalogue and the agents
 * (staff users with their profile). Admins only; every list is paged (`Page<T>`, at most 100 a page,
 * `?limit=&after=`, some with `?q=` search).
 */

/** `POST /api/clients`: a new client. Settings left out take the defaults below. */
export interface ClientCreateRequest {
  /** Lowercase letters, digits and `-`, 2–63 characters; fixed once created. */
  slug: string;
  name: string;
  timeZone: string;
  languages?: string[];
  channels?: Channel[];
  brandColor?: string;
  businessCalendar?: BusinessCalendar;
  piiPolicy?: PiiPolicy;
}

/** `PATCH /api/clients/:clientId`: only the settings given change. */
export type ClientChangeRequest = Partial<Omit<ClientCreateRequest, 'slug'>>;

export const CLIENT_NAME_MAX = 200;
export const CLIENT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const BRAND_COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;
export const DEFAULT_PII_POLICY: PiiPolicy = { email: 'partial', phone: 'partial' };
export const DEFAULT_BRAND_COLOR = '#4f46e5';

/** An inbox as admins see it: its address, the chat widget's key, settings and allowed sites. */
export interface InboxAdminView {
  id: string;
  clientId: string;
  channel: Channel;
  name: string;
  /** Email address, phone number (E.164), social page id; for chat, a label (the widget key identifies it). */
  address: string;
  /** Chat inboxes only: what the embedded widget names itself with. */
  widgetKey: string | null;
  settings: InboxSettings;
  /** Web sites (origins, `https://shop.example`) that may embed the chat widget, besides the product's own. */
  allowedOrigins: string[];
  createdAt: string;
}

/** `POST /api/clients/:clientId/inboxes`: a chat inbox gets a widget key made by the server. */
export interface InboxCreateRequest {
  channel: Channel;
  name: string;
  address: string;
  settings?: InboxSettings;
  allowedOrigins?: string[];
}

/** `PATCH /api/inboxes/:inboxId`: the channel never changes; `rotateWidgetKey` makes a new key (the old one stops working). */
export interface InboxChangeRequest {
  name?: string;
  address?: string;
  settings?: InboxSettings;
  allowedOrigins?: string[];
  rotateWidgetKey?: boolean;
}

export const INBOX_NAME_MAX = 200;
export const INBOX_ADDRESS_MAX = 320;
export const ALLOWED_ORIGINS_MAX = 20;
export const INBOX_GREETING_MAX = 500;

/** A skill of the catalogue: `key` is what queues require (stable), `name` what people read. */
export interface SkillView {
  id: string;
  key: string;
  name: string;
  /** Agents (not disabled) holding it. */
  agentCount: number;
}

/** `POST /api/skills`, `PATCH /api/skills/:skillId` (the key cannot change: queues name it). */
export interface SkillRequest {
  key: string;
  name: string;
}
export const SKILL_KEY_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;
export const SKILL_NAME_MAX = 100;

export interface TeamView {
  id: string;
  name: string;
  /** Where the team sits: its day (and the board's "today") is read in it. */
  timeZone: string;
  /** Agents and leads in the team (disabled ones not counted). */
  memberCount: number;
  /** Names of the team's leads, by name. */
  leadNames: string[];
  /** The clients the team serves: those its members serve or cover (set on each agent). */
  clientIds: string[];
}

/** `POST /api/teams`, `PATCH /api/teams/:teamId` (admins; on an edit only what is given changes). Members join on the agent (`teamId`). */
export interface TeamRequest {
  name: string;
  timeZone: string;
}
export const TEAM_NAME_MAX = 100;

/** Staff accounts that take no work themselves: team leads and admins (`/api/accounts`, admins only). */
export type AccountRole = 'team_lead' | 'admin';
export const ACCOUNT_ROLES: readonly AccountRole[] = ['team_lead', 'admin'];

export interface StaffAccountView {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  disabled: boolean;
  /** A lead's team (the one they lead); null for admins. */
  teamName: string | null;
  createdAt: string;
}

/** `POST /api/accounts`: a lead starts without clients or team (give them on the Agents tab). */
export interface StaffAccountCreateRequest {
  email: string;
  displayName: string;
  role: AccountRole;
  /** 12–200 characters; hashed with argon2, never stored or logged as given. */
  password: string;
}

/** `PATCH /api/accounts/:userId`: `disabled: true` deactivates (every session ends at once); an admin cannot deactivate themself. */
export interface StaffAccountChangeRequest {
  displayName?: string;
  disabled?: boolean;
}

/** Roles the agent directory creates: provider staff who take work. */
export type DirectoryRole = 'agent' | 'team_lead';
export const DIRECTORY_ROLES: readonly DirectoryRole[] = ['agent', 'team_lead'];

export interface AgentSkillGrant {
  skillId: string;
  /** 1 (basic) to 5 (expert). */
  proficiency: number;
}

export interface AgentDirectoryView {
  id: string;
  email: string;
  displayName: string;
  role: DirectoryRole;
  disabled: boolean;
  /** Clients the agent serves (a lead: covers). */
  clientIds: string[];
  skills: (AgentSkillGrant & { key: string; name: string })[];
  languages: string[];
  /** Concurrent work per channel (0 = not on that channel). */
  capacity: Record<Channel, number>;
  /** The agent's own time zone: the shift is read in it. */
  timeZone: string;
  shiftSchedule: Partial<Record<Weekday, TimeRange[]>>;
  /** The team the agent belongs to (a lead: the team they lead). */
  teamId: string | null;
  teamName: string | null;
  createdAt: string;
}

/** `POST /api/agents`. */
export interface AgentCreateRequest {
  email: string;
  displayName: string;
  role: DirectoryRole;
  /** 12–200 characters; hashed with argon2, never stored or logged as given. */
  password: string;
  clientIds: string[];
  skills?: AgentSkillGrant[];
  languages?: string[];
  capacity?: Partial<Record<Channel, number>>;
  timeZone: string;
  shiftSchedule?: Partial<Record<Weekday, TimeRange[]>>;
  teamId?: string | null;
}

/** `PATCH /api/agents/:userId`: only what is given changes; `disabled: true` signs the agent out at once. */
export type AgentChangeRequest = Partial<Omit<AgentCreateRequest, 'password'>> & { password?: string; disabled?: boolean };

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MAX = 200;
export const CAPACITY_MAX = 20;
export const DEFAULT_CAPACITY: Record<Channel, number> = { voice: 1, chat: 3, email: 5, social: 3 };
