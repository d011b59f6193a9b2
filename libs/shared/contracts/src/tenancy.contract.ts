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

/** What the public chat widget may know about an inbox. */
export interface WidgetInboxView {
  clientName: string;
  brandColor: string;
  inboxName: string;
  online: boolean;
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
