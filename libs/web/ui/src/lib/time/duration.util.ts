/** "45s", "4m 05s", "2h 03m", "3d 4h": compact, stable width within a unit. */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** Milliseconds from an ISO instant to `now`. */
export function elapsedSince(isoInstant: string, now: number): number {
  const start = Date.parse(isoInstant);
  return Number.isNaN(start) ? 0 : now - start;
}
