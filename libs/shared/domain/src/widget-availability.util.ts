import type { BusinessCalendar, InboxSettings, WidgetInboxView } from '@switchboard/shared-contracts';
import { isWithinSchedule, localTime } from './shift-schedule.util';

/** Inside the client's opening hours, holidays (in the client's time zone) excluded. */
export function isOpenAt(calendar: BusinessCalendar, timeZone: string, instant: Date): boolean {
  if (calendar.holidays.includes(localTime(instant, timeZone).date)) return false;
  return isWithinSchedule(calendar.weekly, timeZone, instant);
}

export interface WidgetFacts {
  clientName: string;
  brandColor: string;
  inboxName: string;
  calendar: BusinessCalendar;
  timeZone: string;
  settings: InboxSettings;
  availableAgents: number;
}

/**
 * What the widget shows: live chat when the client is open and someone is available; otherwise,
 * when offline messages are on (the default), the leave-a-message form.
 */
export function widgetView(facts: WidgetFacts, now: Date): WidgetInboxView {
  const open = isOpenAt(facts.calendar, facts.timeZone, now);
  const online = facts.availableAgents > 0;
  const offlineMessages = facts.settings.offlineMessages ?? true;
  return {
    clientName: facts.clientName,
    brandColor: facts.brandColor,
    inboxName: facts.inboxName,
    online,
    open,
    offline: offlineMessages && !(open && online),
    greeting: facts.settings.greeting ?? null,
    preChat: facts.settings.preChat ?? { name: 'off', email: 'off' },
    csat: facts.settings.csat ?? true,
  };
}

export interface VisitorDetails {
  name: string | null;
  email: string | null;
}

/**
 * Details the visitor still owes before their message is taken: the pre-chat form's required fields,
 * and an email address for an offline message (we answer it by email).
 */
export function missingVisitorDetails(view: Pick<WidgetInboxView, 'preChat' | 'offline'>, details: VisitorDetails, opensTicket: boolean): ('name' | 'email')[] {
  if (!opensTicket) return [];
  const missing = new Set<'name' | 'email'>();
  if (view.preChat.name === 'required' && !details.name) missing.add('name');
  if ((view.preChat.email === 'required' || view.offline) && !details.email) missing.add('email');
  return [...missing];
}
