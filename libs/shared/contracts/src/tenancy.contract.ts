import type { ClientRef } from './identity.contract';

export const Channel = {
  Voice: 'voice',
  Email: 'email',
  Chat: 'chat',
  Social: 'social',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
export const CHANNELS: readonly Channel[] = Object.values(Channel);

/** A time range in a local day, `HH:MM` 24-hour; `end` ≤ `start` means it runs past midnight. */
export interface TimeRange {
  start: string;
  end: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours per weekday (split shifts allowed) plus closed dates (`YYYY-MM-DD`, client time zone). */
export interface BusinessCalendar {
  weekly: Partial<Record<Weekday, TimeRange[]>>;
  holidays: string[];
}

export type PiiVisibility = 'full' | 'partial' | 'hidden';
/** What an offshore agent sees of a customer's contact details. Card numbers are always masked. */
export interface PiiPolicy {
  email: PiiVisibility;
  phone: PiiVisibility;
}

export interface ClientView extends ClientRef {
  timeZone: string;
  languages: string[];
  channels: Channel[];
  businessCalendar: BusinessCalendar;
  piiPolicy: PiiPolicy;
}

export interface InboxView {
  id: string;
  clientId: string;
  channel: Channel;
  name: string;
  /** Email address, phone number, page id or widget key, depending on the channel. */
  address: string;
}

/** Per-inbox settings of a chat widget. */
export interface InboxSettings {
  /** Ask the visitor for these before the first message; `required` ones must be filled. */
  preChat?: { name: 'off' | 'optional' | 'required'; email: 'off' | 'optional' | 'required' };
  /** Ask for a 1–5 rating when a conversation is resolved (default on). */
  csat?: boolean;
  /** Let visitors leave a message (with their email) when the inbox is closed or nobody is available (default on). */
  offlineMessages?: boolean;
  /** Shown above the conversation. */
  greeting?: string;
}

/** What the public chat widget may know about an inbox. */
export interface WidgetInboxView {
  clientName: string;
  brandColor: string;
  inboxName: string;
  /** An agent serving the client is available right now. */
  online: boolean;
  /** Inside the client's business hours. */
  open: boolean;
  /** Closed or nobody available, and offline messages are on: the widget shows the leave-a-message form. */
  offline: boolean;
  greeting: string | null;
  preChat: { name: 'off' | 'optional' | 'required'; email: 'off' | 'optional' | 'required' };
  csat: boolean;
}

/** Staffing of one client right now: what the portal's live tile shows. */
export interface ClientStaffing {
  clientId: string;
  /** Agents serving the client who are available. */
  available: number;
  /** Agents serving the client who are signed in (available or away). */
  signedIn: number;
  /** Agents serving the client in total. */
  rostered: number;
}
