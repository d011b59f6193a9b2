import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { KpiKey, ReportTicketRow, ReportTicketsQuery } from '@switchboard/shared-contracts';
import { listReportTickets } from '@switchboard/web-data-access';

export const DRILL_PAGE_SIZE = 50;

/** The tickets behind a tile or a heatmap cell, a page at a time ("Show more" appends the next page). */
export const useReportTicketsStore = defineStore('report-tickets', () => {
  const rows = shallowRef<ReportTicketRow[]>([]);
  const nextCursor = ref<string | null>(null);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const loadingMore = ref(false);
  const error = ref<string | null>(null);
  let request: { clientId: string; kpi: KpiKey; query: Omit<ReportTicketsQuery, 'cursor' | 'limit'> } | null = null;
  let generation = 0;

  async function load(clientId: string, kpi: KpiKey, query: Omit<ReportTicketsQuery, 'cursor' | 'limit'>): Promise<void> {
    const mine = ++generation;
    request = { clientId, kpi, query };
    status.value = 'loading';
    error.value = null;
    rows.value = [];
    nextCursor.value = null;
    try {
      const page = await listReportTickets(clientId, kpi, { ...query, limit: DRILL_PAGE_SIZE });
      if (mine !== generation) return;
      rows.value = page.items;
      nextCursor.value = page.nextCursor;
      status.value = 'ready';
    } catch (cause) {
      if (mine !== generation) return;
      error.value = cause instanceof Error ? cause.message : 'The tickets could not be loaded.';
      status.value = 'error';
    }
  }

  async function loadMore(): Promise<void> {
    if (!request || !nextCursor.value || loadingMore.value) return;
    const mine = generation;
    loadingMore.value = true;
    try {
      const page = await listReportTickets(request.clientId, request.kpi, { ...request.query, cursor: nextCursor.value, limit: DRILL_PAGE_SIZE });
      if (mine !== generation) return;
      rows.value = [...rows.value, ...page.items];
      nextCursor.value = page.nextCursor;
    } catch (cause) {
      if (mine === generation) error.value = cause instanceof Error ? cause.message : 'More tickets could not be loaded.';
    } finally {
      loadingMore.value = false;
    }
  }

  return { rows, nextCursor, status, loadingMore, error, load, loadMore };
});
