import { REPORT_CADENCES, REPORT_SCHEDULE_MAX_RECIPIENTS, type FieldError, type ReportCadence, type ReportScheduleInput } from '@switchboard/shared-contracts';
import { addDays, localDate, localDayWindow } from './reporting-buckets.util';
import { isEmailAddress } from './reply-fields.util';

/** A schedule as given, checked: cadence weekly | monthly; 1–20 valid email addresses (trimmed, lower-cased, each once); nothing else. */
export function checkReportSchedule(input: unknown): { schedule: ReportScheduleInput } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { problems: [{ field: 'body', message: 'must be an object with cadence and recipients' }] };
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== 'cadence' && key !== 'recipients') problems.push({ field: key, message: 'is not a field of a report schedule' });
  const cadence = body['cadence'];
  if (typeof cadence !== 'string' || !(REPORT_CADENCES as readonly string[]).includes(cadence)) problems.push({ field: 'cadence', message: `must be one of ${REPORT_CADENCES.join(', ')}` });
  const raw = body['recipients'];
  const recipients: string[] = [];
  if (!Array.isArray(raw) || raw.length === 0) problems.push({ field: 'recipients', message: 'must list at least one email address' });
  else if (raw.length > REPORT_SCHEDULE_MAX_RECIPIENTS) problems.push({ field: 'recipients', message: `may list at most ${REPORT_SCHEDULE_MAX_RECIPIENTS} addresses (got ${raw.length})` });
  else {
    raw.forEach((value, i) => {
      const address = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (!isEmailAddress(address)) problems.push({ field: `recipients[${i}]`, message: `${JSON.stringify(String(value)).slice(0, 60)} is not an email address` });
      else if (!recipients.includes(address)) recipients.push(address);
    });
  }
  return problems.length ? { problems } : { schedule: { cadence: cadence as ReportCadence, recipients } };
}

/** Monday of the week of a local date (ISO weeks start on Monday). */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The last complete period before the local date `today`: the week Monday–Sunday before this week, or last month. */
export function lastCompletePeriod(cadence: ReportCadence, today: string): { from: string; to: string } {
  if (cadence === 'weekly') {
    const thisMonday = mondayOf(today);
    return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
  }
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  const lastOfPrevious = addDays(firstOfThisMonth, -1);
  return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
}

/** When a schedule is next due after `now`: the client's local midnight starting the next week (Monday) or month. */
export function nextReportRun(cadence: ReportCadence, now: Date, timeZone: string): string {
  const today = localDate(now, timeZone);
  const start = cadence === 'weekly' ? addDays(mondayOf(today), 7) : addDays(`${today.slice(0, 7)}-01`, 32).slice(0, 7) + '-01';
  return localDayWindow(start, timeZone).from;
}
