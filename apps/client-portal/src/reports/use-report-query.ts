import { computed, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { CHANNELS, type Channel } from '@switchboard/shared-contracts';
import { localDate } from '@switchboard/shared-domain';
import type { ReportFilters } from './reports.store';
import { isLocalDate, presetRange } from './report-range.util';

const one = (value: LocationQuery[string]): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The client's local date today. */
export function clientToday(timeZone: string | null | undefined, now = new Date()): string {
  try {
    return localDate(now, timeZone || 'UTC');
  } catch {
    return localDate(now, 'UTC');
  }
}

/** Filters from a route query: unknown or malformed values fall back (the last 30 days, no filter). */
export function filtersFromQuery(query: LocationQuery, today: string): ReportFilters {
  const fallback = presetRange('last_30_days', today);
  let from = one(query['from']);
  let to = one(query['to']);
  if (!isLocalDate(from) || !isLocalDate(to) || from > to) ({ from, to } = fallback);
  const channel = one(query['channel']);
  return {
    from,
    to,
    channel: CHANNELS.includes(channel as Channel) ? (channel as Channel) : undefined,
    queueId: one(query['queueId']),
    language: one(query['language']),
  };
}

/** Filters as a route query (only what is set). */
export function filtersToQuery(filters: ReportFilters): Record<string, string> {
  const query: Record<string, string> = { from: filters.from, to: filters.to };
  if (filters.channel) query['channel'] = filters.channel;
  if (filters.queueId) query['queueId'] = filters.queueId;
  if (filters.language) query['language'] = filters.language;
  return query;
}

/** The report's date range and filters live in the URL (bookmarkable, shareable, back button works). */
export function useReportQuery(timeZone: Ref<string | null | undefined>) {
  const route = useRoute();
  const router = useRouter();
  const today = computed(() => clientToday(timeZone.value));
  const filters = computed(() => filtersFromQuery(route.query, today.value));
  function update(next: ReportFilters): void {
    void router.replace({ query: filtersToQuery(next) });
  }
  return { today, filters, update };
}
