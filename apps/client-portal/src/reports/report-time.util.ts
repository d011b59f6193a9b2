/** "3 Nov, 09:05" in the client's time zone (reports speak the client's local time). */
export function localDateTime(instant: string, timeZone: string | null | undefined): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: timeZone || 'UTC', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** "09:05:12" in the client's time zone. */
export function localTime(instant: string, timeZone: string | null | undefined): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: timeZone || 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
  } catch {
    return date.toISOString();
  }
}
